namespace Workbench.Tests.Privacy;

/// <summary>Sensitive values to plant; keys are built from parts at run time so no literal key is committed.</summary>
public static class PlantedValues
{
    public static readonly string Email = "jane.roe" + "@" + "example.com";

    public static readonly string Phone = "+1 415 555 " + "0123";

    public static readonly string Card = "4111 1111 " + "1111 1111";

    public static readonly string OpenAiKey = "sk-" + "proj-" + Random(60, 11);

    public static readonly string AnthropicKey = "sk-" + "ant-api03-" + Random(86, 12) + "AA";

    public static readonly string GitHubToken = "gh" + "p_" + Random(36, 13);

    public static IReadOnlyList<string> All { get; } = [Email, Phone, Card, OpenAiKey, AnthropicKey, GitHubToken];

    /// <summary>The distinctive part of each value (phone and card digits without spaces are also checked).</summary>
    public static IEnumerable<string> Fingerprints =>
        All.Concat([Card.Replace(" ", "", StringComparison.Ordinal), "jane.roe", OpenAiKey[12..], AnthropicKey[14..], GitHubToken[4..]]);

    public static string FindIn(string text) => Fingerprints.FirstOrDefault(v => text.Contains(v, StringComparison.Ordinal)) ?? "";

    private static string Random(int length, int seed)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var random = new Random(seed);
        return new string([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
    }
}
