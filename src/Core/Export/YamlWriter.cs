using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Workbench.Core.Export;

/// <summary>
/// Writes plain values as block YAML with YamlDotNet's emitter: <see cref="OrderedDictionary{TKey,TValue}"/> (key order kept),
/// lists, strings (multi-line ones as literal blocks; ones a reader would take for a number, boolean or null are quoted),
/// numbers, booleans, null and <see cref="JsonNode"/> trees (a JSON Schema becomes YAML).
/// </summary>
internal static class YamlWriter
{
    public static string Write(object? root)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(writer, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Emit(IEmitter emitter, object? value)
    {
        switch (value)
        {
            case null:
                Plain(emitter, "null");
                break;
            case string text:
                Text(emitter, text);
                break;
            case bool flag:
                Plain(emitter, flag ? "true" : "false");
                break;
            case int or long:
                Plain(emitter, Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case double number:
                Plain(emitter, number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case JsonNode node:
                EmitJson(emitter, node);
                break;
            case OrderedDictionary<string, object?> map:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
                foreach (var (key, item) in map)
                {
                    Text(emitter, key);
                    Emit(emitter, item);
                }

                emitter.Emit(new MappingEnd());
                break;
            case IEnumerable<object?> list:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
                foreach (var item in list)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            default:
                throw new ArgumentException($"Cannot write a {value.GetType().Name} as YAML.", nameof(value));
        }
    }

    private static void EmitJson(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                Plain(emitter, "null");
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, item) in obj)
                {
                    Text(emitter, key);
                    EmitJson(emitter, item);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array)
                {
                    EmitJson(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                Text(emitter, value.GetValue<string>());
                break;
            case JsonValue value:
                // Numbers keep their JSON spelling; true/false as is.
                Plain(emitter, value.ToJsonString());
                break;
        }
    }

    private static void Plain(IEmitter emitter, string value) =>
        emitter.Emit(new Scalar(null, null, value, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));

    private static void Text(IEmitter emitter, string value)
    {
        ScalarStyle style;
        if (value.Contains('\n', StringComparison.Ordinal) && !value.Contains('\r', StringComparison.Ordinal) && IsLiteralSafe(value))
        {
            style = ScalarStyle.Literal;
        }
        else if (SafeYaml.Interpret(value) is not string)
        {
            // "true", "3", "null" written plain would come back as a boolean, a number or null.
            style = ScalarStyle.DoubleQuoted;
        }
        else
        {
            style = ScalarStyle.Any;
        }

        emitter.Emit(new Scalar(null, null, value, style, isPlainImplicit: true, isQuotedImplicit: true));
    }

    /// <summary>Literal blocks cannot carry trailing spaces reliably or control characters; such text is double-quoted instead.</summary>
    private static bool IsLiteralSafe(string value) =>
        !value.Any(c => char.IsControl(c) && c != '\n') && !value.Split('\n').Any(line => line.EndsWith(' ') || line.EndsWith('\t'));
}
