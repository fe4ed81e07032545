using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Workbench.Core.Templates;

namespace Workbench.Core.Export;

/// <summary>
/// Reads untrusted YAML into plain values only: <see cref="Dictionary{TKey,TValue}"/> (string keys), <see cref="List{T}"/>,
/// string, bool, long, double and null. Works on the parser's event stream, so no type is ever instantiated from the document.
/// Refuses anchors and aliases (no "billion laughs"), explicit tags (<c>!!python/object</c>, <c>!Foo</c>), more than one document,
/// duplicate keys, nesting deeper than <see cref="ImportLimits.MaxYamlDepth"/>, scalars longer than <see cref="ImportLimits.MaxStringLength"/>
/// and more than <see cref="ImportLimits.MaxNodes"/> values. Errors carry line and column (offset by <c>lineOffset</c>).
/// </summary>
internal sealed class SafeYaml
{
    private readonly Parser _parser;
    private readonly int _lineOffset;
    private int _nodes;

    private SafeYaml(string text, int lineOffset)
    {
        _parser = new Parser(new StringReader(text));
        _lineOffset = lineOffset;
    }

    /// <summary>Parses <paramref name="text"/>; on failure returns null and the problem.</summary>
    public static object? Parse(string text, int lineOffset, out TemplateProblem? problem)
    {
        var reader = new SafeYaml(text, lineOffset);
        try
        {
            problem = null;
            return reader.ReadDocument();
        }
        catch (SafeYamlException ex)
        {
            problem = ex.Problem;
            return null;
        }
        catch (YamlException ex)
        {
            problem = new TemplateProblem("yaml", "The YAML is malformed: " + Clean(ex.Message), (int)ex.Start.Line + lineOffset, (int)ex.Start.Column);
            return null;
        }
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes "(Line: 1, Col: 2, Idx: 3) - (Line: ...): "; the problem carries the position already.
        var index = message.LastIndexOf("): ", StringComparison.Ordinal);
        return index >= 0 && message.StartsWith('(') ? message[(index + 3)..] : message;
    }

    private object? ReadDocument()
    {
        _parser.Consume<StreamStart>();
        if (_parser.Accept<StreamEnd>(out _))
        {
            return null;
        }

        _parser.Consume<DocumentStart>();
        var root = ReadNode(1);
        _parser.Consume<DocumentEnd>();
        if (!_parser.Accept<StreamEnd>(out _))
        {
            throw Fail(_parser.Current!, "Only one YAML document is allowed here.");
        }

        return root;
    }

    private object? ReadNode(int depth)
    {
        var current = _parser.Current ?? throw new YamlException("Unexpected end of the YAML.");
        if (++_nodes > ImportLimits.MaxNodes)
        {
            throw Fail(current, $"The YAML has more than {ImportLimits.MaxNodes:N0} values.");
        }

        if (current is AnchorAlias alias)
        {
            throw Fail(current, $"YAML aliases (*{alias.Value}) are not allowed: write the value out.");
        }

        if (current is NodeEvent node)
        {
            if (!node.Anchor.IsEmpty)
            {
                throw Fail(current, $"YAML anchors (&{node.Anchor}) are not allowed: write the value out.");
            }

            if (!node.Tag.IsEmpty)
            {
                throw Fail(current, $"YAML tags ({node.Tag}) are not allowed: only plain values, lists and mappings are read.");
            }
        }

        if (depth > ImportLimits.MaxYamlDepth)
        {
            throw Fail(current, $"The YAML is nested more than {ImportLimits.MaxYamlDepth} levels deep.");
        }

        switch (current)
        {
            case Scalar scalar:
                _parser.MoveNext();
                if (scalar.Value.Length > ImportLimits.MaxStringLength)
                {
                    throw Fail(scalar, $"A value is {scalar.Value.Length:N0} characters long; the limit is {ImportLimits.MaxStringLength:N0}.");
                }

                return scalar.Style == ScalarStyle.Plain ? Interpret(scalar.Value) : scalar.Value;

            case SequenceStart:
                _parser.MoveNext();
                var list = new List<object?>();
                while (!_parser.TryConsume<SequenceEnd>(out _))
                {
                    list.Add(ReadNode(depth + 1));
                }

                return list;

            case MappingStart:
                _parser.MoveNext();
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (!_parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = _parser.Current!;
                    var key = ReadNode(depth + 1);
                    if (key is null or Dictionary<string, object?> or List<object?>)
                    {
                        throw Fail(keyEvent, "Mapping keys must be plain text.");
                    }

                    var name = Convert.ToString(key, CultureInfo.InvariantCulture)!;
                    if (!map.TryAdd(name, ReadNode(depth + 1)))
                    {
                        throw Fail(keyEvent, $"The key '{name}' appears twice.");
                    }
                }

                return map;

            default:
                throw Fail(current, $"Unexpected YAML content ({current.GetType().Name}).");
        }
    }

    /// <summary>YAML 1.2 core schema for plain scalars: null, booleans, integers and floats; everything else is text.</summary>
    internal static object? Interpret(string value)
    {
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (value.Length > 0 && (char.IsAsciiDigit(value[0]) || value[0] is '-' or '+' or '.')
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return number;
        }

        return value;
    }

    private SafeYamlException Fail(ParsingEvent at, string message) =>
        new(new TemplateProblem("yaml", message, (int)at.Start.Line + _lineOffset, (int)at.Start.Column));

#pragma warning disable CA1032, CA1064 // private control-flow exception, never leaves this class
    private sealed class SafeYamlException(TemplateProblem problem) : Exception(problem.Message)
#pragma warning restore CA1032, CA1064
    {
        public TemplateProblem Problem { get; } = problem;
    }
}
