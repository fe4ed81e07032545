using System.Globalization;
using System.Text;

namespace Workbench.Core.Templates;

/// <summary>A string writer that stops (throws) once the output would exceed a maximum length.</summary>
internal sealed class LimitedTextWriter : TextWriter
{
    private readonly StringBuilder _builder = new();
    private readonly int _maxLength;
    private readonly CancellationToken _cancellationToken;

    public LimitedTextWriter(int maxLength, CancellationToken cancellationToken)
        : base(CultureInfo.InvariantCulture)
    {
        _maxLength = maxLength;
        _cancellationToken = cancellationToken;
    }

    public override Encoding Encoding => Encoding.Unicode;

    public override void Write(char value)
    {
        Reserve(1);
        _builder.Append(value);
    }

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        Reserve(value.Length);
        _builder.Append(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Reserve(count);
        _builder.Append(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Reserve(buffer.Length);
        _builder.Append(buffer);
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    public override string ToString() => _builder.ToString();

    private void Reserve(int count)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if ((long)_builder.Length + count > _maxLength)
        {
            throw new TemplateLimitExceededException(string.Create(CultureInfo.InvariantCulture,
                $"Rendering stopped: the output exceeds {_maxLength:N0} characters (MaxOutputLength)"));
        }
    }
}
