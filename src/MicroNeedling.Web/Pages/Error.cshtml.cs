using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed partial class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    /// <summary>
    /// The one detail shown about a failure: a reference staff can quote, which is also in the log line below.
    /// Never the exception, its message or a stack trace (those stay in the log), outside Development or in it.
    /// </summary>
    public string RequestId => HttpContext.TraceIdentifier;

    public string Title { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "The problem has been logged. Please try again, or tell your administrator if it keeps happening.";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { } failure)
        {
            LogShown(logger, RequestId, failure.Error.GetType().Name, failure.Path);
        }

        // A body over the upload pages' limit fails when the form is read (Kestrel answers 413, the form reader throws):
        // the user chose a file far too large, and is told so rather than that something went wrong.
        if (Request.ContentLength > Infrastructure.UploadedFile.RequestLimit)
        {
            code = 413;
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }

        switch (code)
        {
            case 403:
                Title = "You do not have access to this page";
                Message = "Your role does not allow this. Ask a colleague with the right role, or your administrator.";
                break;
            case 404:
                Title = "Not found";
                Message = "There is nothing at this address. It may have been mistyped, or you may not have access to it.";
                break;
            case 429:
                Title = "Too many sign-in attempts";
                Message = "Sign-in from this network is paused for a minute after many attempts. Wait a minute, then try again.";
                break;
            case 413:
                Title = "The file is too large";
                Message = "Photos and documents can be at most 20 MB. Go back and choose a smaller file, or take the photo again at a lower resolution.";
                break;
            case 400:
                Title = "The form could not be sent";
                Message = "The page may have been open too long. Go back, reload it and try again.";
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The error page was shown for request {RequestId} after {ExceptionType} at {Path}.")]
    private static partial void LogShown(ILogger logger, string requestId, string exceptionType, string path);
}
