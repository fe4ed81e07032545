using Polly.Timeout;

namespace Workbench.Core.Providers;

/// <summary>
/// Outermost handler of a provider's HTTP pipeline: records the final outcome of each request (after retries) in
/// the current <see cref="TransportTrail"/>, so failures can be classified by HTTP status whatever SDK threw.
/// </summary>
internal sealed class TransportOutcomeHandler(TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var kind = ex switch
            {
                TimeoutRejectedException => "timeout",
                HttpRequestException or IOException => "connection",
                _ => ex.GetType().Name,
            };
            TransportTrail.RecordOutcome(null, new TransportFailure(null, kind, null, false));
            throw;
        }

        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            TransportTrail.RecordOutcome(status, null);
        }
        else
        {
            var quota = status == 429 && TransportPolicy.IsQuotaExhaustedBody(await TransportPolicy.PeekBodyAsync(response, cancellationToken));
            TransportTrail.RecordOutcome(status, new TransportFailure(status, null, TransportPolicy.GetRetryAfter(response, timeProvider), quota));
        }

        return response;
    }
}
