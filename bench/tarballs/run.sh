#!/bin/sh
# The tar-safety bar: each crafted tarball rejected within 2 s and 256 MB. Prints one line per case; exits 1 if any is outside.
set -e
cd "$(dirname "$0")/../.."
exec dotnet run -c Release --project bench/tarballs/Vigil.TarballBench.csproj
