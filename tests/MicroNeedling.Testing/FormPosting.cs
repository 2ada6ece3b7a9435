using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace MicroNeedling.Testing;

/// <summary>Real form posts: fetch the page, take its antiforgery token, post the fields with it.</summary>
public static class FormPosting
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} returned {(int)response.StatusCode}.");
        }

        return await response.ReadDocumentAsync();
    }

    public static async Task<IHtmlDocument> ReadDocumentAsync(this HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>GETs <paramref name="pageUrl"/> for its antiforgery token, then POSTs <paramref name="fields"/> to <paramref name="postUrl"/> (the same page by default).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? postUrl = null)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{pageUrl} has no antiforgery token.");
        return await client.PostFieldsAsync(postUrl ?? pageUrl, [.. fields, new("__RequestVerificationToken", token)]);
    }

    /// <summary>
    /// POSTs a multipart form with one file, as a browser sends an upload: the page's antiforgery token, the fields, and the
    /// file under <paramref name="fileField"/> with the name and content type the browser would claim.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFileAsync(
        this HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string fileField, byte[] content,
        string fileName = "photo.jpg", string contentType = "image/jpeg")
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{pageUrl} has no antiforgery token.");
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields.Append(new("__RequestVerificationToken", token)))
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, fileField, fileName);
        return await client.PostAsync(pageUrl, form);
    }

    /// <summary>POSTs fields as the browser would; repeated names (checkbox lists) are allowed.</summary>
    public static Task<HttpResponseMessage> PostFieldsAsync(this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        client.PostAsync(url, new FormUrlEncodedContent(fields));

    /// <summary>The messages shown next to a field (by the field's name, e.g. Input.FirstName).</summary>
    public static string FieldError(this IHtmlDocument document, string fieldName) =>
        document.GetElementById($"{fieldName.Replace('.', '_')}-error")?.TextContent.Trim() ?? "";

    /// <summary>The fields a browser would send for the post form of a page, as it stands (selected options, checked boxes).</summary>
    public static List<KeyValuePair<string, string>> PostFields(this IHtmlDocument document)
    {
        var form = document.QuerySelectorAll("form").First(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)
            && f.QuerySelector("button[type=submit]") is not null && f.GetAttribute("class")?.Contains("signout", StringComparison.Ordinal) != true);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            if (element.SentValue() is { } value)
            {
                fields.Add(new(element.GetAttribute("name")!, value));
            }
        }

        return fields;
    }

    /// <summary>What a browser sends for this form field as it stands: null for an unchecked box or radio.</summary>
    public static string? SentValue(this IElement field) => field switch
    {
        IHtmlInputElement input when input.Type is "checkbox" or "radio" => input.IsChecked ? input.Value : null,
        IHtmlInputElement input => input.Value,
        IHtmlSelectElement select => select.Value ?? "",
        IHtmlTextAreaElement area => area.Value,
        _ => null,
    };

    public static string ErrorSummary(this IHtmlDocument document) =>
        string.Join(" ", document.QuerySelectorAll(".error-summary").Select(e => e.TextContent.Trim()));
}
