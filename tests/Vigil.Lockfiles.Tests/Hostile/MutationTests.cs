namespace Vigil.Lockfiles.Tests.Hostile;

/// <summary>
/// Random damage to real fixtures (bytes flipped, dropped, repeated, structural characters inserted), 300 cases per
/// format with a fixed seed: every case reads as a result or a typed error with a line, never an exception, within
/// the time limit. A small, always-run stand-in for the fuzzing the test plan asks for.
/// </summary>
public sealed class MutationTests
{
    private static readonly byte[] Structural = "{}[]:,\"'\n -&*!|>#@\\"u8.ToArray();

    public static TheoryData<string> Formats => HostileInput.Formats;

    [Theory]
    [MemberData(nameof(Formats))]
    public void Damaged_fixtures_never_crash_the_reader(string format)
    {
        var original = File.ReadAllBytes(HostileInput.Of(format).Fixture);
        var random = new Random(20261129);
        for (var i = 0; i < 300; i++)
        {
            var bytes = Mutate(original, random);
            LockfileReadResult result;
            try
            {
                result = HostileInput.Read(format, bytes);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"case {i}: {e.GetType().Name}: {e.Message}\n{Convert.ToBase64String(bytes)}");
                return;
            }

            Assert.True(result.Succeeded || result.Error.Line >= 1, $"case {i}: an error without a line: {result.Error?.Message}");
        }
    }

    internal static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        for (var edits = random.Next(1, 6); edits > 0 && bytes.Count > 1; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 40), bytes.Count - at));
                    break;
                case 2:
                    bytes.InsertRange(at, bytes.Skip(random.Next(bytes.Count)).Take(random.Next(1, 60)).ToList());
                    break;
                default:
                    bytes.Insert(at, Structural[random.Next(Structural.Length)]);
                    break;
            }
        }

        return [.. bytes];
    }
}
