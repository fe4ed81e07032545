using System.Globalization;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Workbench.Core.Templates;

/// <summary>
/// Wraps Fluid's <see cref="RangeExpression"/>, which materializes every item of a range into an array.
/// Range sizes are checked before that happens and counted against a per-render budget of MaxSteps items.
/// </summary>
internal sealed class BoundedRangeExpression : Expression
{
    internal const string BudgetKey = "Workbench.Templates.RangeBudget";

    private readonly RangeExpression _inner;

    public BoundedRangeExpression(RangeExpression inner)
    {
        _inner = inner;
    }

    public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
    {
        var from = (await _inner.From.EvaluateAsync(context)).ToNumberValue();
        var to = (await _inner.To.EvaluateAsync(context)).ToNumberValue();
        var count = Math.Max(0m, Math.Round(to) - Math.Round(from) + 1);

        if (context.AmbientValues.TryGetValue(BudgetKey, out var value) && value is RangeBudget budget)
        {
            budget.CancellationToken.ThrowIfCancellationRequested();
            if (count > budget.Remaining)
            {
                throw new TemplateLimitExceededException(string.Create(CultureInfo.InvariantCulture,
                    $"Rendering stopped: the range ({from}..{to}) has {count:N0} items, more than the {budget.MaxSteps:N0} steps allowed (MaxSteps)"));
            }

            budget.Remaining -= (long)count;
        }

        return await _inner.EvaluateAsync(context);
    }
}
