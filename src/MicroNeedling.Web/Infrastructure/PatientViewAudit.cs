using MicroNeedling.Clinic.Audit;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// A page that shows one patient's record. After a successful GET, <see cref="PatientViewAuditFilter"/> writes one
/// View entry for <see cref="ViewedRecord"/>; null means nothing of a patient was shown (e.g. an empty search form).
/// </summary>
public interface IShowsPatientRecord
{
    ViewedRecord? ViewedRecord { get; }
}

/// <summary>What a page showed: the record (entity type and id) and its patient, when the page has it at hand
/// (otherwise the audit service looks the patient up from the record).</summary>
public sealed record ViewedRecord(string EntityType, int EntityId, int? PatientId = null);

/// <summary>
/// Writes the audit trail's View entries. Only GETs that render the page (200) count: a 404, a 403 or a redirect
/// showed nothing. It runs before the page renders, so an entry is never missing for a page that was shown.
/// Lists that show many patients (the calendar, search results, the review list) are not patient-record pages.
/// One instance serves every request; it asks for the audit service only when it has a View to write, because
/// building that service for every page (calendars included) cost about a tenth of a small page's time.
/// </summary>
public sealed class PatientViewAuditFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (HttpMethods.IsGet(context.HttpContext.Request.Method)
            && executed.Exception is null
            && executed.Result is PageResult { StatusCode: null or StatusCodes.Status200OK }
            && executed.HandlerInstance is IShowsPatientRecord { ViewedRecord: { } viewed })
        {
            // Not the request's abort token: the entry must be written even if the browser has gone away.
            var audit = context.HttpContext.RequestServices.GetRequiredService<AuditService>();
            await audit.RecordViewAsync(viewed.EntityType, viewed.EntityId, viewed.PatientId, CancellationToken.None);
        }
    }
}
