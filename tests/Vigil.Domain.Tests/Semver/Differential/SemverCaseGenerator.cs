using System.Text;

namespace Vigil.Domain.Tests.Semver.Differential;

/// <summary>
/// Generates version and range text the way strangers write it: valid, loose, partial, prerelease, build
/// metadata, odd whitespace, huge numbers and plain garbage. Seeded, so every run sees the same cases.
/// </summary>
internal sealed class SemverCaseGenerator(int seed)
{
    private static readonly string[] Identifiers =
    [
        "alpha", "beta", "rc", "0", "1", "2", "10", "01", "00", "x", "X", "-", "--", "a-b", "1a", "a1", "pre",
        "9007199254740990", "9007199254740991", "99999999999999999999", "99999999999999999998", "beta-1", "0a",
    ];

    private static readonly string[] Prefixes = ["", "", "", "", "v", "=", "v=", "= v", " v", "v ", "=v ", "vv", "==", "\tv", "V"];

    private static readonly string[] Operators = ["", "", "<", ">", "<=", ">=", "=", "==", "=<", "=>", "<>", "!="];

    private static readonly string[] Spaces = [" ", " ", " ", "  ", "\t", "\u00a0", "\ufeff", "\u2028", "\u0085", "\u3000", "\n"];

    private const string Garbage = "0123456789..--++xX*vV=  <>~^|abz_!";

    private readonly Random _random = new(seed);

    private bool Chance(int percent) => _random.Next(100) < percent;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public int Options() => _random.Next(4);

    public string Number() => _random.Next(100) switch
    {
        < 55 => _random.Next(4).ToString(),
        < 65 => _random.Next(10, 100).ToString(),
        < 75 => Pick(new[] { "00", "01", "007", "010", "0" }),
        < 85 => Pick(new[] { "9007199254740991", "9007199254740992", "9007199254740990", "90071992547409910", "12345678901234567890", "1000000000000000000000" }),
        < 87 => new string((char)('1' + _random.Next(9)), _random.Next(240, 300)),
        _ => _random.Next(1000).ToString(),
    };

    public string Identifier() => Chance(80) ? Pick(Identifiers) : Word(1 + _random.Next(5), "abc019-Z");

    private string Word(int length, string alphabet)
    {
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            sb.Append(alphabet[_random.Next(alphabet.Length)]);
        }

        return sb.ToString();
    }

    private string Dotted(int max, Func<string> part) =>
        string.Join('.', Enumerable.Range(0, 1 + _random.Next(max)).Select(_ => part()));

    public string Version()
    {
        switch (_random.Next(100))
        {
            case < 5:
                return Word(_random.Next(1, 12), Garbage);
            case < 10:
                return Partial();
            case < 13:
                return Pick(Spaces) + Version() + (Chance(50) ? Pick(Spaces) : string.Empty);
        }

        var sb = new StringBuilder();
        sb.Append(Pick(Prefixes)).Append(Number()).Append('.').Append(Number()).Append('.').Append(Number());
        if (Chance(35))
        {
            sb.Append(Chance(85) ? "-" : string.Empty).Append(Dotted(3, Identifier));
        }

        if (Chance(15))
        {
            sb.Append('+').Append(Dotted(2, () => Word(1 + _random.Next(4), "a1-0Z")));
        }

        if (Chance(4))
        {
            sb.Append('.').Append(Number());
        }

        return sb.ToString();
    }

    private string XPart() => _random.Next(10) switch
    {
        < 7 => Number(),
        7 => "x",
        8 => "*",
        _ => "X",
    };

    public string Partial()
    {
        var sb = new StringBuilder(Pick(Prefixes)).Append(XPart());
        int parts = _random.Next(3);
        for (int i = 0; i < parts; i++)
        {
            sb.Append('.').Append(XPart());
        }

        if (parts == 2 && Chance(25))
        {
            sb.Append('-').Append(Dotted(2, Identifier));
        }

        if (Chance(8))
        {
            sb.Append("+build");
        }

        return sb.ToString();
    }

    private string Space() => Chance(85) ? " " : Pick(Spaces);

    private string Term() => _random.Next(100) switch
    {
        < 35 => Pick(Operators) + (Chance(15) ? Space() : string.Empty) + (Chance(60) ? Version() : Partial()),
        < 50 => Pick(new[] { "~", "~>", "~ ", "~> ", "~>  " }) + Partial(),
        < 65 => Pick(new[] { "^", "^", "^ ", "^^" }) + Partial(),
        < 75 => Partial(),
        < 85 => Partial() + Pick(new[] { " - ", " - ", "  -  ", "-", " -", " - - " }) + Partial(),
        < 90 => Pick(new[] { "*", "x", "X", "", ">=*", "<*", ">*", "latest", "=*", "^*", "~*" }),
        _ => Word(_random.Next(1, 10), Garbage),
    };

    public string Range()
    {
        if (Chance(3))
        {
            return Word(_random.Next(0, 20), Garbage);
        }

        var sets = Enumerable.Range(0, 1 + _random.Next(3)).Select(_ =>
            string.Join(Space(), Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => Term())));
        string separator = Pick(new[] { " || ", "||", "  ||  ", "|| ", " ||", " | ", " ||| " });
        string range = string.Join(separator, sets);
        return Chance(10) ? Space() + range + Space() : range;
    }

    /// <summary>Versions close to the numbers written in a range: its bounds and their neighbours.</summary>
    public IEnumerable<string> VersionsNear(string range)
    {
        var numbers = new List<int>();
        for (int i = 0; i < range.Length; i++)
        {
            if (char.IsAsciiDigit(range[i]))
            {
                int start = i;
                while (i < range.Length && char.IsAsciiDigit(range[i]))
                {
                    i++;
                }

                if (i - start <= 6)
                {
                    numbers.Add(int.Parse(range.AsSpan(start, i - start)));
                }
            }
        }

        for (int k = 0; k + 2 < numbers.Count; k++)
        {
            int a = numbers[k], b = numbers[k + 1], c = numbers[k + 2];
            yield return $"{a}.{b}.{c}";
            yield return $"{a}.{b}.{c + 1}";
            yield return $"{a}.{b + 1}.0";
            yield return $"{a + 1}.0.0";
            yield return $"{a}.{b}.{c}-0";
            yield return $"{a}.{b}.{c + 1}-alpha";
            yield return $"{a + 1}.0.0-rc.1";
            if (c > 0)
            {
                yield return $"{a}.{b}.{c - 1}";
            }
        }
    }
}
