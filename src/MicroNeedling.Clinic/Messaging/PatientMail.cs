using System.Globalization;
using System.Net;
using System.Text;
using MicroNeedling.Clinic.Settings;

namespace MicroNeedling.Clinic.Messaging;

/// <summary>What a mail says, in plain text and HTML.</summary>
public sealed record MailContent(string Subject, string Text, string Html);

/// <summary>
/// The words of every mail to a patient. The minimum necessary only: the first name, the date and time, and the clinic's
/// name, phone and address. Never the treatment's clinical detail, a screening answer, a chart or a side effect: mail
/// passes through servers the clinic does not control, and a family member may read it.
/// </summary>
public static class PatientMail
{
    public static MailContent Confirmation(ClinicSettings clinic, string firstName, IReadOnlyList<DateTime> localStarts, string unsubscribeUrl)
    {
        var many = localStarts.Count > 1;
        var body = new List<string>
        {
            many
                ? $"Your {localStarts.Count} appointments at {clinic.ClinicName} are booked:"
                : $"Your appointment at {clinic.ClinicName} is booked for {When(localStarts[0])}.",
        };
        if (many)
        {
            body.AddRange(localStarts.Select(s => "• " + When(s)));
        }

        body.Add("The attached calendar file adds " + (many ? "them" : "it") + " to your calendar.");
        body.Add("Before you come:");
        body.AddRange(Lines(clinic.PreVisitInstructions));
        body.Add(CallToChange(clinic));
        var subject = many
            ? $"Your appointments at {clinic.ClinicName} are booked"
            : $"Your appointment at {clinic.ClinicName} on {Short(localStarts[0])}";
        return Compose(clinic, subject, firstName, body, unsubscribeUrl);
    }

    public static MailContent Change(ClinicSettings clinic, string firstName, DateTime localFrom, DateTime localTo, string unsubscribeUrl) =>
        Compose(clinic, $"Your appointment at {clinic.ClinicName} has moved to {Short(localTo)}", firstName,
        [
            $"Your appointment at {clinic.ClinicName} on {When(localFrom)} has moved.",
            $"It is now on {When(localTo)}.",
            "The attached calendar file updates the appointment in your calendar.",
            CallToChange(clinic),
        ], unsubscribeUrl);

    public static MailContent Cancellation(ClinicSettings clinic, string firstName, DateTime localStart, string unsubscribeUrl) =>
        Compose(clinic, $"Your appointment at {clinic.ClinicName} on {Short(localStart)} is cancelled", firstName,
        [
            $"Your appointment at {clinic.ClinicName} on {When(localStart)} is cancelled.",
            "The attached calendar file removes it from your calendar.",
            $"To book another time, call us{PhoneSuffix(clinic)}.",
        ], unsubscribeUrl);

    public static MailContent Reminder(ClinicSettings clinic, string firstName, DateTime localStart, string unsubscribeUrl)
    {
        var body = new List<string> { $"A reminder of your appointment at {clinic.ClinicName} on {When(localStart)}.", "Before you come:" };
        body.AddRange(Lines(clinic.PreVisitInstructions));
        body.Add(CallToChange(clinic));
        return Compose(clinic, $"Reminder: your appointment at {clinic.ClinicName} on {Short(localStart)}", firstName, body, unsubscribeUrl);
    }

    public static MailContent Aftercare(ClinicSettings clinic, string firstName, string unsubscribeUrl)
    {
        var body = new List<string> { $"Thank you for coming to {clinic.ClinicName} today. Your aftercare:" };
        body.AddRange(Lines(clinic.AftercareText));
        body.Add(clinic.ClinicPhone.Length > 0
            ? $"If anything worries you, call us at once on {clinic.ClinicPhone}."
            : "If anything worries you, call the clinic at once.");
        return Compose(clinic, $"Your aftercare from {clinic.ClinicName}", firstName, body, unsubscribeUrl);
    }

    public static MailContent Recall(ClinicSettings clinic, string firstName, string unsubscribeUrl) =>
        Compose(clinic, $"Time for your maintenance appointment at {clinic.ClinicName}", firstName,
        [
            $"It is now some months since you finished your course at {clinic.ClinicName}. A single maintenance appointment helps keep the results.",
            $"To book one, call us{PhoneSuffix(clinic)} or reply to this e-mail.",
        ], unsubscribeUrl);

    public static MailContent SlotOffer(ClinicSettings clinic, string firstName, DateTime localStart, string unsubscribeUrl) =>
        Compose(clinic, $"An earlier appointment at {clinic.ClinicName}: {Short(localStart)}", firstName,
        [
            $"A time has come free at {clinic.ClinicName}: {When(localStart)}.",
            $"If you would like it, call us{PhoneSuffix(clinic)} or reply to this e-mail. It goes to the first patient who answers, so it may be taken by then.",
        ], unsubscribeUrl);

    /// <summary>"Tuesday 8 December 2026 at 10:00", in the clinic's time zone.</summary>
    public static string When(DateTime local) => local.ToString("dddd d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture);

    private static string Short(DateTime local) => local.ToString("ddd d MMM 'at' HH:mm", CultureInfo.InvariantCulture);

    private static string PhoneSuffix(ClinicSettings clinic) => clinic.ClinicPhone.Length > 0 ? $" on {clinic.ClinicPhone}" : "";

    private static string CallToChange(ClinicSettings clinic) => $"If you need to change or cancel, please call us{PhoneSuffix(clinic)}.";

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => "• " + l);

    private static MailContent Compose(ClinicSettings clinic, string subject, string firstName, IReadOnlyList<string> body, string unsubscribeUrl)
    {
        var footer = new[] { clinic.ClinicName, clinic.ClinicAddress, clinic.ClinicPhone }.Where(s => s.Length > 0).ToList();
        var unsubscribe = "You receive these e-mails because you asked us to. To stop them: " + unsubscribeUrl;

        var text = new StringBuilder();
        text.Append("Dear ").Append(firstName).Append(",\n\n");
        foreach (var paragraph in body)
        {
            text.Append(paragraph).Append(paragraph.StartsWith('•') ? "\n" : "\n\n");
        }

        text.Append('\n').Append(string.Join("\n", footer)).Append("\n\n").Append(unsubscribe).Append('\n');

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(subject)).Append("</title></head>");
        html.Append("<body style=\"font-family:sans-serif;line-height:1.5;color:#1a1a1a\">");
        html.Append("<p>Dear ").Append(Encode(firstName)).Append(",</p>");
        var inList = false;
        foreach (var paragraph in body)
        {
            var bullet = paragraph.StartsWith('•');
            if (bullet != inList)
            {
                html.Append(bullet ? "<ul>" : "</ul>");
                inList = bullet;
            }

            html.Append(bullet ? "<li>" : "<p>").Append(Encode(bullet ? paragraph[1..].Trim() : paragraph)).Append(bullet ? "</li>" : "</p>");
        }

        if (inList)
        {
            html.Append("</ul>");
        }

        html.Append("<p style=\"color:#444\">").Append(string.Join("<br>", footer.Select(Encode))).Append("</p>");
        html.Append("<p style=\"font-size:small;color:#555\">You receive these e-mails because you asked us to. <a href=\"")
            .Append(Encode(unsubscribeUrl)).Append("\">Stop these e-mails</a>.</p></body></html>");
        return new MailContent(subject, text.ToString(), html.ToString());
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
