using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Workbench.Core.Batches;
using Workbench.Core.Runs;

namespace Workbench.Core.Work;

/// <summary>
/// Seals the submitted (unredacted) request of a queued run, and its batch expectation, for the work queue table
/// (ADR-022): authenticated encryption with ASP.NET Data Protection under a purpose of its own, so the database holds
/// ciphertext only and any node sharing the key ring can open it. A payload that cannot be opened (another key ring,
/// a revoked key, a tampered row) yields null, never an exception.
/// </summary>
public sealed class WorkPayloadSealer(IDataProtectionProvider provider)
{
    /// <summary>The Data Protection purpose: payloads sealed for the queue open nowhere else (cookies, tokens, ...).</summary>
    public const string Purpose = "Workbench.WorkQueue.Payload.v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public byte[] Seal(RunRequest request, TestCaseExpectation? expect)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(new SealedWork(request, expect), Json));
    }

    /// <summary>The request and expectation, or null when the payload cannot be opened or read.</summary>
    public (RunRequest Request, TestCaseExpectation? Expect)? TryUnseal(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        try
        {
            var work = JsonSerializer.Deserialize<SealedWork>(_protector.Unprotect(payload), Json);
            return work?.Request is null ? null : (work.Request, work.Expect);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record SealedWork(RunRequest Request, TestCaseExpectation? Expect);
}
