using System.CommandLine;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil cvss</c>: scores a CVSS vector.</summary>
static class CvssCommand
{
    public static Command Create() => new("cvss", "Score a CVSS v3.0, v3.1 or v4.0 vector.");
}
