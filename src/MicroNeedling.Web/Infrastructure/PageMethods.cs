namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// The app answers GET, HEAD and POST only. Razor Pages runs a page for any other method (TRACE, PUT, OPTIONS, …) without a
/// handler, with its model unset, which gave 500s and stack traces; here every other method gets 405 with an Allow header
/// before routing, authentication or a page sees it. An address with a NUL character gets 400.
/// </summary>
public static class PageMethods
{
    public const string Allowed = "GET, HEAD, POST";

    public static IApplicationBuilder UseOnlyPageMethods(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsPost(method))
            {
                // A NUL character in the address (%00) is no one's input: PostgreSQL refuses it in any text parameter, which
                // surfaced as a 500 on the searches. It gets a 400 before any page binds it.
                if (context.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true)
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    return;
                }

                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = Allowed;
        });
}
