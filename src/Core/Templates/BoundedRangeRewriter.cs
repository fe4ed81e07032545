using Fluid.Ast;

namespace Workbench.Core.Templates;

/// <summary>Replaces every range expression in a parsed Fluid template with a <see cref="BoundedRangeExpression"/>.</summary>
internal sealed class BoundedRangeRewriter : AstRewriter
{
    protected override Expression VisitRangeExpression(RangeExpression rangeExpression)
    {
        var rewritten = (RangeExpression)base.VisitRangeExpression(rangeExpression);
        return new BoundedRangeExpression(rewritten);
    }
}
