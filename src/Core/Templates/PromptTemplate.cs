using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;

namespace Workbench.Core.Templates;

/// <summary>
/// A prompt template: a strict subset of Liquid rendered with Fluid. Templates keep no state, read no files,
/// insert variable values as data (never as template syntax), never HTML-encode, and run within <see cref="TemplateLimits"/>.
/// </summary>
public sealed partial class PromptTemplate
{
    private const int MaxControlCharacterErrors = 20;

    private static readonly FluidParser Parser = CreateParser();

    private readonly IFluidTemplate _template;
    private readonly Dictionary<string, VariableUse> _firstUses;

    private PromptTemplate(string source, IFluidTemplate template, TemplateLimits limits, IReadOnlyList<VariableUse> uses)
    {
        Source = source;
        _template = template;
        Limits = limits;
        VariableUses = uses;
        _firstUses = new Dictionary<string, VariableUse>(StringComparer.Ordinal);
        foreach (var use in uses)
        {
            _firstUses.TryAdd(use.Name, use);
        }

        Variables = [.. _firstUses.Keys];
    }

    /// <summary>The template source.</summary>
    public string Source { get; }

    /// <summary>The limits the template was parsed with (also the default limits for rendering).</summary>
    public TemplateLimits Limits { get; }

    /// <summary>Top-level variables the template reads, in first-use order (no loop locals, no builtins such as forloop).</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>Every place a top-level variable is read, in document order.</summary>
    public IReadOnlyList<VariableUse> VariableUses { get; }

    /// <summary>Parses a template with <see cref="TemplateLimits.Default"/>. Never throws on user input.</summary>
    public static TemplateParseResult Parse(string source) => Parse(source, TemplateLimits.Default);

    /// <summary>Parses a template. Never throws on user input.</summary>
    public static TemplateParseResult Parse(string source, TemplateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(limits);

        if (source.Length > limits.MaxSourceLength)
        {
            return Failure(new TemplateError(1, 1, string.Create(CultureInfo.InvariantCulture,
                $"Template is {source.Length:N0} characters long; the limit is {limits.MaxSourceLength:N0} characters (MaxSourceLength)")));
        }

        var controlErrors = FindControlCharacters(source);
        if (controlErrors.Count > 0)
        {
            return new TemplateParseResult(false, null, controlErrors);
        }

        var scan = TemplateScanner.Scan(source, limits);
        if (scan.Errors.Count > 0)
        {
            return new TemplateParseResult(false, null, scan.Errors);
        }

        if (!Parser.TryParse(source, out var fluidTemplate, out var fluidError) || fluidTemplate is null)
        {
            return Failure(ConvertFluidError(fluidError));
        }

        IFluidTemplate bounded;
        try
        {
            bounded = new BoundedRangeRewriter().VisitTemplate(fluidTemplate);
        }
        catch (InvalidOperationException ex)
        {
            return Failure(new TemplateError(1, 1, "Template could not be prepared: " + ex.Message));
        }

        return new TemplateParseResult(true, new PromptTemplate(source, bounded, limits, scan.Uses), []);
    }

    /// <summary>Checks that every used variable is declared; each undeclared one is reported at its first use.</summary>
    public IReadOnlyList<TemplateError> CheckDeclarations(IReadOnlyList<VariableDeclaration> declarations)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        var declared = new HashSet<string>(declarations.Select(static d => d.Name), StringComparer.Ordinal);
        var errors = new List<TemplateError>();
        foreach (var use in _firstUses.Values)
        {
            if (!declared.Contains(use.Name))
            {
                errors.Add(new TemplateError(use.Line, use.Column, $"Variable '{use.Name}' is used but not declared"));
            }
        }

        return errors;
    }

    /// <summary>Renders with the given values; every used variable must have a non-null value.</summary>
    public RenderResult Render(IReadOnlyDictionary<string, string?> values) => Render(values, null, null, CancellationToken.None);

    /// <summary>Renders with the given values; every used variable must have a non-null value.</summary>
    public RenderResult Render(IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken) =>
        Render(values, null, null, cancellationToken);

    /// <summary>Renders against declared variables (required, defaults, JSON kind).</summary>
    public RenderResult Render(IReadOnlyDictionary<string, string?> values, IReadOnlyList<VariableDeclaration> declarations) =>
        Render(values, declarations, null, CancellationToken.None);

    /// <summary>Renders against declared variables (required, defaults, JSON kind).</summary>
    public RenderResult Render(
        IReadOnlyDictionary<string, string?> values,
        IReadOnlyList<VariableDeclaration> declarations,
        CancellationToken cancellationToken) =>
        Render(values, declarations, null, cancellationToken);

    /// <summary>
    /// Renders the template. <paramref name="declarations"/> null means "no declarations": every used variable must be supplied,
    /// and a value used as a collection or object that parses as a JSON array/object is passed as JSON.
    /// <paramref name="limits"/> null means the limits the template was parsed with. Cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public RenderResult Render(
        IReadOnlyDictionary<string, string?> values,
        IReadOnlyList<VariableDeclaration>? declarations,
        TemplateLimits? limits,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        limits ??= Limits;
        cancellationToken.ThrowIfCancellationRequested();

        var errors = new List<TemplateError>();
        var resolved = declarations is null ? ResolveUndeclared(values, errors) : ResolveDeclared(values, declarations, errors);
        if (errors.Count > 0)
        {
            return new RenderResult(false, null, errors);
        }

        var options = new TemplateOptions
        {
            MaxSteps = limits.MaxSteps,
            MaxRecursion = Math.Max(limits.MaxNestingDepth * 2, 16) + 4,
        };
        var context = new TemplateContext(options)
        {
            MaxSteps = limits.MaxSteps,
        };
        context.AmbientValues[BoundedRangeExpression.BudgetKey] = new RangeBudget(limits.MaxSteps, cancellationToken);
        foreach (var (name, value) in resolved)
        {
            context.SetValue(name, value is null ? NilValue.Instance : FluidValue.Create(value, options));
        }

        var writer = new LimitedTextWriter(limits.MaxOutputLength, cancellationToken);
        try
        {
            var task = _template.RenderAsync(writer, NullEncoder.Default, context);
            if (!task.IsCompletedSuccessfully)
            {
                task.AsTask().GetAwaiter().GetResult();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TemplateLimitExceededException ex)
        {
            return Failure(ex.Message);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase))
        {
            return Failure(string.Create(CultureInfo.InvariantCulture,
                $"Rendering stopped after {limits.MaxSteps:N0} steps (MaxSteps): the template does too much work, for example loops that are too large or nested too deeply"));
        }
        catch (Exception ex) when (ex is FluidException or ParseException or InvalidOperationException or ArgumentException
            or FormatException or OverflowException or InvalidCastException or NullReferenceException or IndexOutOfRangeException
            or KeyNotFoundException or NotSupportedException or DivideByZeroException)
        {
            return Failure("Rendering failed: " + ex.Message);
        }

        return new RenderResult(true, writer.ToString(), []);

        static RenderResult Failure(string message) => new(false, null, [new TemplateError(1, 1, message)]);
    }

    private Dictionary<string, object?> ResolveUndeclared(IReadOnlyDictionary<string, string?> values, List<TemplateError> errors)
    {
        var resolved = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var use in _firstUses.Values)
        {
            if (!values.TryGetValue(use.Name, out var value) || value is null)
            {
                errors.Add(new TemplateError(use.Line, use.Column, $"Variable '{use.Name}' is not set"));
                continue;
            }

            var asStructure = VariableUses.Any(u => u.UsedAsCollectionOrObject && u.Name == use.Name);
            if (asStructure && JsonValueConverter.LooksLikeJsonContainer(value)
                && JsonValueConverter.TryParse(value, out var json, out _))
            {
                resolved[use.Name] = json;
            }
            else
            {
                resolved[use.Name] = value;
            }
        }

        return resolved;
    }

    private Dictionary<string, object?> ResolveDeclared(
        IReadOnlyDictionary<string, string?> values,
        IReadOnlyList<VariableDeclaration> declarations,
        List<TemplateError> errors)
    {
        var byName = new Dictionary<string, VariableDeclaration>(StringComparer.Ordinal);
        foreach (var declaration in declarations)
        {
            byName.TryAdd(declaration.Name, declaration);
        }

        var resolved = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var use in _firstUses.Values)
        {
            if (!byName.TryGetValue(use.Name, out var declaration))
            {
                errors.Add(new TemplateError(use.Line, use.Column, $"Variable '{use.Name}' is used but not declared"));
                continue;
            }

            values.TryGetValue(use.Name, out var value);
            var source = "value";
            if (value is null)
            {
                if (declaration.Required)
                {
                    errors.Add(new TemplateError(use.Line, use.Column, $"Required variable '{use.Name}' is not set"));
                    continue;
                }

                if (declaration.DefaultValue is null)
                {
                    // Optional without a default: renders as empty and is falsy in conditions.
                    resolved[use.Name] = null;
                    continue;
                }

                value = declaration.DefaultValue;
                source = "default value";
            }

            if (declaration.Kind == VariableKind.Json)
            {
                if (!JsonValueConverter.TryParse(value, out var json, out var jsonError))
                {
                    errors.Add(new TemplateError(use.Line, use.Column, $"Variable '{use.Name}' is declared as JSON but its {source} is not valid JSON: {jsonError}"));
                    continue;
                }

                resolved[use.Name] = json;
            }
            else
            {
                resolved[use.Name] = value;
            }
        }

        return resolved;
    }

    private static TemplateParseResult Failure(TemplateError error) => new(false, null, [error]);

    private static List<TemplateError> FindControlCharacters(string source)
    {
        var errors = new List<TemplateError>();
        int[]? lineStarts = null;
        for (var i = 0; i < source.Length && errors.Count < MaxControlCharacterErrors; i++)
        {
            var c = source[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                lineStarts ??= TemplateScanner.ComputeLineStarts(source);
                var (line, column) = TemplateScanner.Position(lineStarts, i);
                errors.Add(new TemplateError(line, column, string.Create(CultureInfo.InvariantCulture,
                    $"Control character U+{(int)c:X4} is not allowed in templates")));
            }
        }

        return errors;
    }

    private static TemplateError ConvertFluidError(string? message)
    {
        var text = string.IsNullOrWhiteSpace(message) ? "The template could not be parsed" : message;
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline >= 0)
        {
            text = text[..newline].TrimEnd('\r');
        }

        var match = FluidPositionRegex().Match(text);
        if (match.Success
            && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            && int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var column))
        {
            var clean = (text[..match.Index] + text[(match.Index + match.Length)..]).Trim();
            return new TemplateError(Math.Max(1, line), Math.Max(1, column), clean);
        }

        return new TemplateError(1, 1, text);
    }

    private static FluidParser CreateParser()
    {
        var parser = new FluidParser(new FluidParserOptions { AllowFunctions = false, AllowParentheses = false });

        // Defense in depth: the scanner already rejects these, Fluid must not know them either.
        foreach (var tag in parser.RegisteredTags.Keys.ToList())
        {
            if (tag is not ("if" or "unless" or "case" or "for" or "break" or "continue" or "raw" or "comment" or "#"))
            {
                parser.RegisteredTags.Remove(tag);
            }
        }

        return parser;
    }

    [GeneratedRegex(@"\s*at \((\d+):(\d+)\)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FluidPositionRegex();
}
