using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Workbench.Core.Templates;

namespace Workbench.Components.Shared;

/// <summary>
/// A Liquid template editor with client-side highlighting, debounced change notifications, a size guard that keeps
/// huge pastes off the circuit, and clickable errors. Bind it two-way (<c>@bind-Value</c>): a <see cref="Value"/> that
/// differs from the text the editor last sent or received (discard draft, restore) replaces the editor's text.
/// </summary>
public sealed partial class TemplateCodeEditor : IAsyncDisposable
{
    internal const string ModulePath = "./js/template-editor.js";

    private readonly string _id = "tce-" + Guid.NewGuid().ToString("N")[..12];
    private ElementReference _textarea;
    private IJSObjectReference? _module;
    private DotNetObjectReference<TemplateCodeEditor>? _dotNetRef;
    private string _initialText = "";
    private bool _initialized;
    private string? _lastValueParameter;
    private string _lastKnownText = "";
    private string? _pendingValue;
    private IReadOnlyList<TemplateError> _sentErrors = [];
    private (int Debounce, int HardLimit, int MaxBytes) _sentOptions;
    private (int Length, long Bytes)? _tooLarge;
    private bool _startFailed;
    private bool _disposed;

    [Inject] public required IJSRuntime JS { get; init; }

    /// <summary>The template text.</summary>
    [Parameter] public string Value { get; set; } = "";

    /// <summary>Raised with the editor's text after <see cref="DebounceMilliseconds"/> of quiet, or on blur.</summary>
    [Parameter] public EventCallback<string> ValueChanged { get; set; }

    [Parameter] public string Label { get; set; } = "";

    /// <summary>Problems to show under the editor and mark in the text (1-based line and column).</summary>
    [Parameter] public IReadOnlyList<TemplateError> Errors { get; set; } = [];

    [Parameter] public int DebounceMilliseconds { get; set; } = 400;

    /// <summary>Texts longer than this are kept in the browser and reported, never sent.</summary>
    [Parameter] public int HardLimitCharacters { get; set; } = Hosting.WorkbenchHostingExtensions.MaxFieldMessageBytes;

    /// <summary>
    /// Texts whose encoded size (as sent over the circuit) exceeds this are kept in the browser and reported, never
    /// sent: a bigger circuit message would end the session.
    /// </summary>
    [Parameter] public int MaxMessageBytes { get; set; } = Hosting.WorkbenchHostingExtensions.MaxFieldMessageBytes;

    /// <summary>Added to the too-large message, e.g. where large content can be brought in as a file instead.</summary>
    [Parameter] public string? TooLargeHint { get; set; }

    [Parameter] public bool ReadOnly { get; set; }

    [Parameter] public string? Placeholder { get; set; }

    [Parameter] public int MinRows { get; set; } = 4;

    /// <summary>How the text is highlighted: Liquid (default) or JSON. Read when the editor starts.</summary>
    [Parameter] public EditorLanguage Language { get; set; } = EditorLanguage.Liquid;

    /// <summary>Rendered as <c>data-testid</c> on the textarea; related elements get it as a prefix.</summary>
    [Parameter] public string? TestId { get; set; }

    private string FrameStyle => string.Create(CultureInfo.InvariantCulture, $"--tce-min-rows: {Math.Max(1, MinRows)};");

    private string DescribedBy => Errors.Count > 0 ? $"{_id}-hint {_id}-errors" : $"{_id}-hint";

    internal static string ErrorText(TemplateError error) =>
        string.Create(CultureInfo.InvariantCulture, $"Line {error.Line}, column {error.Column}: {error.Message}");

    private static string Describe(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB");

    private string TooLargeMessage(int length, long bytes)
    {
        var what = length > HardLimitCharacters
            ? string.Create(CultureInfo.InvariantCulture, $"This text is {length:N0} characters; the editor accepts at most {HardLimitCharacters:N0}.")
            : string.Create(CultureInfo.InvariantCulture, $"This text is {length:N0} characters, {Describe(bytes)} to send; the editor sends at most {Describe(MaxMessageBytes)} at once.");
        return $"{what} Your text is kept in the editor but not saved until it is shorter.{(TooLargeHint is null ? "" : " " + TooLargeHint)}";
    }

    private string? TestIdFor(string part) => TestId is null ? null : $"{TestId}-{part}";

    protected override void OnParametersSet()
    {
        var value = Value ?? "";
        if (!_initialized)
        {
            _initialized = true;
            _initialText = value;
            _lastKnownText = value;
            _lastValueParameter = value;
            return;
        }

        // Only a change of the parameter itself counts: the parent's echo of the editor's own text is equal to
        // _lastKnownText, and a parent that does not bind must not reset what the user is typing.
        if (value != _lastValueParameter)
        {
            _lastValueParameter = value;
            if (value != _lastKnownText)
            {
                _lastKnownText = value;
                _pendingValue = value;
                _tooLarge = null;
            }
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            if (firstRender)
            {
                _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
                _dotNetRef = DotNetObjectReference.Create(this);
                _sentErrors = Errors;
                _sentOptions = (DebounceMilliseconds, HardLimitCharacters, MaxMessageBytes);
                await _module.InvokeVoidAsync("init", _textarea, _dotNetRef, JsOptions());
                if (_pendingValue is not null || _lastKnownText != _initialText)
                {
                    _pendingValue = null;
                    await _module.InvokeVoidAsync("setValue", _textarea, _lastKnownText);
                }

                return;
            }

            if (_module is null)
            {
                return;
            }

            if (_pendingValue is { } value)
            {
                _pendingValue = null;
                await _module.InvokeVoidAsync("setValue", _textarea, value);
            }

            if (!Errors.SequenceEqual(_sentErrors))
            {
                _sentErrors = Errors;
                await _module.InvokeVoidAsync("setErrors", _textarea, ErrorsForJs());
            }

            if (_sentOptions != (DebounceMilliseconds, HardLimitCharacters, MaxMessageBytes))
            {
                _sentOptions = (DebounceMilliseconds, HardLimitCharacters, MaxMessageBytes);
                await _module.InvokeVoidAsync("setOptions", _textarea, JsOptions());
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; nothing to update.
        }
        catch (JSException)
        {
            await ReportStartFailureAsync(firstRender);
        }
        catch (TaskCanceledException)
        {
            await ReportStartFailureAsync(firstRender);
        }
        catch (InvalidOperationException)
        {
            // JS interop is not available (static rendering).
        }
    }

    /// <summary>Called by the browser with the editor's text after the debounce or on blur.</summary>
    [JSInvokable]
    public async Task OnEditorTextChanged(string text)
    {
        text ??= "";
        var hadError = _tooLarge is not null;
        _tooLarge = null;
        _lastKnownText = text;
        _pendingValue = null;
        await ValueChanged.InvokeAsync(text);
        if (hadError)
        {
            StateHasChanged();
        }
    }

    /// <summary>Called by the browser instead of <see cref="OnEditorTextChanged"/> when the text is over the limit.</summary>
    [JSInvokable]
    public Task OnEditorTooLarge(int length, long bytes)
    {
        _tooLarge = (length, bytes);
        StateHasChanged();
        return Task.CompletedTask;
    }

    /// <summary>Moves the caret to an error's position and focuses the editor.</summary>
    public async Task GoToErrorAsync(TemplateError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (_module is null)
        {
            return;
        }

        try
        {
            await _module.InvokeVoidAsync("focusAt", _textarea, error.Line, error.Column);
        }
        catch (JSDisconnectedException)
        {
        }
        catch (JSException)
        {
            // Focus is a convenience; the error list still says where to look.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_module is not null)
        {
            await IgnoreJsFailureAsync(() => _module.InvokeVoidAsync("dispose", _textarea));
            await IgnoreJsFailureAsync(() => _module.DisposeAsync());
        }

        _dotNetRef?.Dispose();
    }

    private static async Task IgnoreJsFailureAsync(Func<ValueTask> call)
    {
        try
        {
            await call();
        }
        catch (JSDisconnectedException)
        {
            // The circuit may already be gone.
        }
        catch (JSException)
        {
        }
        catch (TaskCanceledException)
        {
        }
    }

    private object JsOptions() => new
    {
        debounceMilliseconds = DebounceMilliseconds,
        hardLimitCharacters = HardLimitCharacters,
        maxMessageBytes = MaxMessageBytes,
        errors = ErrorsForJs(),
        serverText = _lastKnownText,
        language = Language == EditorLanguage.Json ? "json" : "liquid",
    };

    private object[] ErrorsForJs() =>
        [.. Errors.Select(static e => new { line = e.Line, column = e.Column, message = e.Message })];

    private async Task ReportStartFailureAsync(bool firstRender)
    {
        if (firstRender && !_startFailed)
        {
            _startFailed = true;
            await InvokeAsync(StateHasChanged);
        }
    }
}
