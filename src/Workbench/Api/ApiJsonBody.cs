using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Workbench.Api;

/// <summary>
/// Reads a JSON request body ourselves instead of through parameter binding, so every failure is a problem that says
/// what is wrong and where, in every environment: wrong content type (415), too large (413), empty, not JSON (with line
/// and position), not an object, or a value of the wrong type (400 naming the field). Binding failures would otherwise be
/// a bare 400, or an exception page in Development.
/// </summary>
internal static class ApiJsonBody
{
    /// <summary>Largest accepted body: the same budget as one circuit message (a template with a big schema fits easily).</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    public const int MaxDepth = 64;

    private const int MaxEchoedLength = 100;

    public static async Task<ApiBody<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            var given = string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"Content-Type '{Truncate(request.ContentType)}'";
            return Fail<T>(ApiProblems.Status(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type.",
                $"Send the body as JSON with 'Content-Type: application/json'; this request has {given}."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return Fail<T>(TooLarge());
        }

        byte[]? bytes;
        try
        {
            bytes = await ReadCappedAsync(request.Body, cancellationToken);
        }
        catch (BadHttpRequestException ex)
        {
            // The server's own limits (body size, slow upload): its status code, not its message.
            return Fail<T>(ApiProblems.Status(ex.StatusCode, "The request body could not be read.", "The request body could not be read completely."));
        }

        if (bytes is null)
        {
            return Fail<T>(TooLarge());
        }

        if (bytes.Length == 0)
        {
            return Fail<T>(ApiProblems.Validation("body", "The request body is empty: send a JSON object."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            return Fail<T>(ApiProblems.Validation("body", NotJson(ex)));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Fail<T>(ApiProblems.Validation("body", $"The request body must be a JSON object ({{ ... }}); it is {Describe(document.RootElement.ValueKind)}."));
            }

            var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            try
            {
                return new ApiBody<T>(document.Deserialize<T>(options), null);
            }
            catch (JsonException ex)
            {
                return Fail<T>(ApiProblems.Validation(FieldOf(ex.Path), $"Expected {ExpectedAt(typeof(T), ex.Path, options)}."));
            }
        }
    }

    /// <summary>The API field name for a System.Text.Json path: <c>$.messages[1].content</c> → <c>messages[1].content</c>.</summary>
    public static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    /// <summary>What the request type expects at <paramref name="path"/>, as a person would say it ("a number").</summary>
    public static string ExpectedAt(Type root, string? path, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(options);
        var type = root;
        foreach (var segment in Segments(path))
        {
            var next = segment is int ? ElementType(type) : MemberType(type, (string)segment, options);
            if (next is null)
            {
                return "a value of another type";
            }

            type = next;
        }

        return Describe(type);
    }

    private static IEnumerable<object> Segments(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            yield break;
        }

        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                yield return path[(i + 1)..end];
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                yield return path[(i + 2)..end];
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                end = end < 0 ? path.Length : end;
                yield return int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : path[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                yield break;
            }
        }
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var enumerable = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    private static Type? MemberType(Type type, string name, JsonSerializerOptions options)
    {
        if (DictionaryInterface(type) is { } dictionary)
        {
            return dictionary.GetGenericArguments()[1];
        }

        var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => string.Equals(options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name, name, StringComparison.OrdinalIgnoreCase));
        return property?.PropertyType;
    }

    private static Type? DictionaryInterface(Type type) =>
        type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType
            && (i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)));

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "a string",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) => "a whole number",
            _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "a number",
            _ when type == typeof(JsonElement) => "a JSON value",
            _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type).Select(n => JsonNamingPolicy.KebabCaseLower.ConvertName(n))),
            _ when typeof(IDictionary).IsAssignableFrom(type) || DictionaryInterface(type) is not null => "an object",
            _ when typeof(IEnumerable).IsAssignableFrom(type) => "an array",
            _ => "an object",
        };
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "not an object",
    };

    /// <summary>"not valid JSON at line 3, position 7: Expected a ':'": the parser's reason without its own position suffix.</summary>
    private static string NotJson(JsonException ex)
    {
        var reason = ex.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        }

        reason = (cut >= 0 ? reason[..cut] : reason).Trim();
        var where = ex.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}")
            : "";
        return $"The request body is not valid JSON{where}: {Truncate(reason, 300)}";
    }

    private static ProblemHttpResult TooLarge() => ApiProblems.Status(
        StatusCodes.Status413PayloadTooLarge,
        "Request body too large.",
        string.Create(CultureInfo.InvariantCulture, $"The request body is larger than {MaxBytes / (1024 * 1024)} MiB, the most the API accepts."));

    /// <summary>The body, or null as soon as it grows past <see cref="MaxBytes"/> (the rest is not read).</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ApiBody<T> Fail<T>(IResult problem)
        where T : class => new(null, problem);

    private static string Truncate(string text, int max = MaxEchoedLength) => text.Length <= max ? text : text[..max] + "…";
}
