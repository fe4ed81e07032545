using Workbench.Core.Templates;

namespace Workbench.Core.Tests.Templates;

public class VariableSynchronizerTests
{
    private static TemplateContent With(string text, params VariableDeclaration[] variables) =>
        new([new TemplateMessage(MessageRole.User, text)], ModelSettings.Default, variables);

    [Fact]
    public void Sync_NewVariable_IsDeclaredRequired()
    {
        var content = With("Hi {{ name }}");

        var result = VariableSynchronizer.Sync(content.Variables, VariableSynchronizer.Uses(content));

        var declaration = Assert.Single(result);
        Assert.Equal(("name", true, VariableKind.Text), (declaration.Name, declaration.Required, declaration.Kind));
    }

    [Fact]
    public void Sync_VariableUsedInLoop_IsDeclaredAsJson()
    {
        var content = With("{% for item in items %}{{ item }}{% endfor %}");

        var result = VariableSynchronizer.Sync([], VariableSynchronizer.Uses(content));

        Assert.Equal(VariableKind.Json, Assert.Single(result).Kind);
    }

    [Fact]
    public void Sync_UnusedEmptyDeclaration_IsDroppedButFilledInOneIsKept()
    {
        var content = With("Hi {{ name }}", new VariableDeclaration("n", null, true, null, null), new VariableDeclaration("tone", "Formal or casual", false, null, null));

        var result = VariableSynchronizer.Sync(content.Variables, VariableSynchronizer.Uses(content));

        Assert.Equal(["tone", "name"], result.Select(d => d.Name));
    }

    [Fact]
    public void Sync_MessageDoesNotParse_DropsNothing()
    {
        var content = With("Hi {{ name ", new VariableDeclaration("name", null, false, null, null));

        var usage = VariableSynchronizer.Uses(content);
        var result = VariableSynchronizer.Sync(content.Variables, usage);

        Assert.False(usage.Complete);
        Assert.True(usage.MayUse("name"));
        Assert.False(Assert.Single(result).Required);
    }

    [Fact]
    public void Sync_ExistingDeclaration_KeepsAuthorSettings()
    {
        var declared = new VariableDeclaration("name", "Who", false, "friend", "Ada");
        var content = With("Hi {{ name }}", declared);

        var result = VariableSynchronizer.Sync(content.Variables, VariableSynchronizer.Uses(content));

        Assert.Same(declared, Assert.Single(result));
    }
}
