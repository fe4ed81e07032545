using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Workbench.Components.Shared;
using Workbench.Core.Templates;

namespace Workbench.Tests.Components;

public sealed class TemplateCodeEditorTests : BunitContext
{
    private readonly BunitJSModuleInterop _module;

    public TemplateCodeEditorTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        _module = JSInterop.SetupModule(TemplateCodeEditor.ModulePath);
        _module.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public async Task Render_WithLabelValueAndTestId_ShowsThemOnTheTextarea()
    {
        var cut = Render<TemplateCodeEditor>(p => p
            .Add(x => x.Label, "System message")
            .Add(x => x.Value, "Hello {{ name }}")
            .Add(x => x.TestId, "system-editor")
            .Add(x => x.Placeholder, "Write here"));

        var textarea = cut.Find("textarea[data-testid='system-editor']");
        Assert.Equal("Hello {{ name }}", textarea.GetAttribute("value") ?? textarea.TextContent);
        Assert.Equal("false", textarea.GetAttribute("spellcheck"));
        Assert.Equal("Write here", textarea.GetAttribute("placeholder"));
        var label = cut.Find("label");
        Assert.Equal("System message", label.TextContent);
        Assert.Equal(textarea.Id, label.GetAttribute("for"));
        Assert.Equal("true", cut.Find("pre.tce-highlight").GetAttribute("aria-hidden"));
        await DisposeAsync();
    }

    [Theory]
    [InlineData(EditorLanguage.Liquid, "liquid")]
    [InlineData(EditorLanguage.Json, "json")]
    public async Task FirstRender_Language_IsPassedToTheScript(EditorLanguage language, string expected)
    {
        Render<TemplateCodeEditor>(p => p.Add(x => x.Value, "{}").Add(x => x.Language, language));

        var options = Assert.Single(_module.Invocations["init"]).Arguments[2]!;
        Assert.Equal(expected, options.GetType().GetProperty("language")!.GetValue(options));
        await DisposeAsync();
    }

    [Fact]
    public async Task FirstRender_ImportsModule_AndInitializesWithOptionsAndErrors()
    {
        var cut = Render<TemplateCodeEditor>(p => p
            .Add(x => x.Value, "x")
            .Add(x => x.DebounceMilliseconds, 250)
            .Add(x => x.HardLimitCharacters, 1000)
            .Add(x => x.Errors, [new TemplateError(1, 1, "bad")]));

        var init = Assert.Single(_module.Invocations["init"]);
        Assert.Equal(3, init.Arguments.Count);
        var options = init.Arguments[2]!;
        Assert.Equal(250, options.GetType().GetProperty("debounceMilliseconds")!.GetValue(options));
        Assert.Equal(1000, options.GetType().GetProperty("hardLimitCharacters")!.GetValue(options));
        // The text .NET knows, so the script can send anything typed before it loaded (regression: early typing was lost).
        Assert.Equal("x", options.GetType().GetProperty("serverText")!.GetValue(options));
        Assert.Empty(_module.Invocations["setValue"]);
        Assert.NotNull(cut.Instance);
        await DisposeAsync();
    }

    [Fact]
    public async Task Errors_Given_AreListedWithLineAndColumn()
    {
        var cut = Render<TemplateCodeEditor>(p => p
            .Add(x => x.Value, "{{ a }\n{% foo %}")
            .Add(x => x.TestId, "ed")
            .Add(x => x.Errors, [new TemplateError(1, 1, "Unclosed output tag"), new TemplateError(3, 7, "Unknown tag 'foo'")]));

        var items = cut.FindAll("[data-testid='ed-errors'] li");
        Assert.Equal(2, items.Count);
        Assert.Equal("Line 1, column 1: Unclosed output tag", items[0].TextContent.Trim());
        Assert.Equal("Line 3, column 7: Unknown tag 'foo'", items[1].TextContent.Trim());
        Assert.Equal("true", cut.Find("textarea").GetAttribute("aria-invalid"));
        await DisposeAsync();
    }

    [Fact]
    public async Task ErrorItem_Clicked_MovesCaretThroughJs()
    {
        var cut = Render<TemplateCodeEditor>(p => p
            .Add(x => x.Value, "a\nb\nc")
            .Add(x => x.Errors, [new TemplateError(3, 7, "oops")]));

        await cut.Find(".tce-error-item").ClickAsync(new());

        var call = Assert.Single(_module.Invocations["focusAt"]);
        Assert.Equal(3, call.Arguments[1]);
        Assert.Equal(7, call.Arguments[2]);
        await DisposeAsync();
    }

    [Fact]
    public async Task ErrorsChanged_AfterFirstRender_ArePushedToJs()
    {
        var cut = Render<TemplateCodeEditor>(p => p.Add(x => x.Value, "x"));

        cut.Render(p => p.Add(x => x.Value, "x").Add(x => x.Errors, [new TemplateError(2, 3, "bad")]));

        Assert.Single(_module.Invocations["setErrors"]);
        cut.Render(p => p.Add(x => x.Value, "x").Add(x => x.Errors, [new TemplateError(2, 3, "bad")]));
        Assert.Single(_module.Invocations["setErrors"]);
        await DisposeAsync();
    }

    [Fact]
    public async Task OnEditorTextChanged_FromJs_RaisesValueChanged()
    {
        string? received = null;
        var cut = Render<TemplateCodeEditor>(p => p
            .Add(x => x.Value, "old")
            .Add(x => x.ValueChanged, (string v) => received = v));

        await cut.InvokeAsync(() => cut.Instance.OnEditorTextChanged("new text"));

        Assert.Equal("new text", received);
        await DisposeAsync();
    }

    [Fact]
    public async Task OnEditorTooLarge_FromJs_ShowsSizeErrorAndDoesNotRaiseValueChanged()
    {
        var raised = 0;
        var cut = Render<TemplateCodeEditor>(p => p
            .Add(x => x.Value, "old")
            .Add(x => x.TestId, "ed")
            .Add(x => x.HardLimitCharacters, 3_500_000)
            .Add(x => x.ValueChanged, (string _) => raised++));

        await cut.InvokeAsync(() => cut.Instance.OnEditorTooLarge(3_600_123, 0));

        var alert = cut.Find("[data-testid='ed-too-large']");
        Assert.Contains("This text is 3,600,123 characters; the editor accepts at most 3,500,000.", alert.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, raised);

        // Once the text fits again the error goes away.
        await cut.InvokeAsync(() => cut.Instance.OnEditorTextChanged("short"));
        Assert.Empty(cut.FindAll("[data-testid='ed-too-large']"));
        Assert.Equal(1, raised);
        await DisposeAsync();
    }

    [Fact]
    public async Task OnEditorTooLarge_OverTheCircuitBytes_SaysTheSizeTheLimitAndTheHint()
    {
        var cut = Render<TemplateCodeEditor>(p => p
            .Add(x => x.Value, "old")
            .Add(x => x.TestId, "ed")
            .Add(x => x.TooLargeHint, "Import it as a file.")
            .Add(x => x.ValueChanged, (string _) => { }));

        await cut.InvokeAsync(() => cut.Instance.OnEditorTooLarge(600_000, 2_400_000));

        var alert = cut.Find("[data-testid='ed-too-large']").TextContent;
        Assert.Contains("This text is 600,000 characters, 2.3 MB to send; the editor sends at most 1008 KB at once.", alert, StringComparison.Ordinal);
        Assert.Contains("Import it as a file.", alert, StringComparison.Ordinal);
        var options = Assert.Single(_module.Invocations["init"]).Arguments[2]!;
        Assert.Equal(Workbench.Hosting.WorkbenchHostingExtensions.MaxFieldMessageBytes, options.GetType().GetProperty("maxMessageBytes")!.GetValue(options));
        await DisposeAsync();
    }

    [Fact]
    public async Task Value_NewFromParent_IsPushedToJs()
    {
        var cut = Render<TemplateCodeEditor>(p => p.Add(x => x.Value, "draft"));

        cut.Render(p => p.Add(x => x.Value, "restored version"));

        var call = Assert.Single(_module.Invocations["setValue"]);
        Assert.Equal("restored version", call.Arguments[1]);
        await DisposeAsync();
    }

    [Fact]
    public async Task Value_EchoOfEditorsOwnText_IsNotPushedToJs()
    {
        var cut = Render<TemplateCodeEditor>(p => p.Add(x => x.Value, "a"));
        cut.Render(p => p.Add(x => x.Value, "a").Add(x => x.ValueChanged, (string v) => { }));

        await cut.InvokeAsync(() => cut.Instance.OnEditorTextChanged("ab"));
        cut.Render(p => p.Add(x => x.Value, "ab"));

        Assert.Empty(_module.Invocations["setValue"]);

        // A parent going back to an earlier text (discard draft) is pushed.
        cut.Render(p => p.Add(x => x.Value, "a"));
        Assert.Equal("a", Assert.Single(_module.Invocations["setValue"]).Arguments[1]);
        await DisposeAsync();
    }

    [Fact]
    public async Task Value_ParentThatDoesNotBind_DoesNotResetTyping()
    {
        var cut = Render<TemplateCodeEditor>(p => p.Add(x => x.Value, "a"));

        await cut.InvokeAsync(() => cut.Instance.OnEditorTextChanged("typed"));
        cut.Render(p => p.Add(x => x.Value, "a"));

        Assert.Empty(_module.Invocations["setValue"]);
        await DisposeAsync();
    }

    [Fact]
    public async Task Dispose_DisposesJsEditorAndModule()
    {
        Render<TemplateCodeEditor>(p => p.Add(x => x.Value, "a"));

        await DisposeAsync();

        Assert.Single(_module.Invocations["dispose"]);
    }

    [Fact]
    public async Task JsDisconnected_OnDispose_IsSwallowed()
    {
        _module.SetupVoid("dispose", _ => true).SetException(new Microsoft.JSInterop.JSDisconnectedException("gone"));
        Render<TemplateCodeEditor>(p => p.Add(x => x.Value, "a"));

        var exception = await Record.ExceptionAsync(async () => await DisposeAsync());

        Assert.Null(exception);
    }

    [Fact]
    public async Task JsInitFails_ShowsWarningInsteadOfThrowing()
    {
        _module.SetupVoid("init", _ => true).SetException(new Microsoft.JSInterop.JSException("boom"));

        var cut = Render<TemplateCodeEditor>(p => p.Add(x => x.Value, "a").Add(x => x.TestId, "ed"));

        cut.WaitForElement("[data-testid='ed-start-failed']");
        await DisposeAsync();
    }

    [Fact]
    public async Task ReadOnly_RendersReadonlyTextarea()
    {
        var cut = Render<TemplateCodeEditor>(p => p.Add(x => x.Value, "a").Add(x => x.ReadOnly, true).Add(x => x.MinRows, 6));

        var textarea = cut.Find("textarea");
        Assert.True(textarea.HasAttribute("readonly"));
        Assert.Equal("6", textarea.GetAttribute("rows"));
        await DisposeAsync();
    }
}
