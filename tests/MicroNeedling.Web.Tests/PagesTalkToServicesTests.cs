using System.Reflection;
using MicroNeedling.Clinic.Data;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// Pages talk to services, never to the DbContext: a rule of the layering (issue 14), checked over every page model and
/// every compiled Razor view of the web assembly, so a new page that reaches for the context fails here.
/// </summary>
public sealed class PagesTalkToServicesTests
{
    private static IEnumerable<Type> PageTypes() =>
        typeof(Program).Assembly.GetTypes().Where(t =>
            t.Namespace?.StartsWith("MicroNeedling.Web.Pages", StringComparison.Ordinal) == true
            || t.Namespace == "AspNetCoreGeneratedDocument"); // the classes Razor compiles each .cshtml into

    private static bool IsContext(Type type) => typeof(ClinicDbContext).IsAssignableFrom(type);

    [Fact]
    public void No_page_model_or_view_takes_or_injects_the_clinic_db_context()
    {
        var offenders = new List<string>();
        foreach (var type in PageTypes())
        {
            const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            offenders.AddRange(type.GetConstructors(all).SelectMany(c => c.GetParameters())
                .Where(p => IsContext(p.ParameterType)).Select(p => $"{type.FullName}: constructor parameter {p.Name}"));
            offenders.AddRange(type.GetProperties(all).Where(p => IsContext(p.PropertyType)).Select(p => $"{type.FullName}: property {p.Name}"));
            offenders.AddRange(type.GetFields(all).Where(f => IsContext(f.FieldType)).Select(f => $"{type.FullName}: field {f.Name}"));
        }

        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void The_check_sees_the_pages_it_guards()
    {
        // Guards the test above against passing because it found nothing to look at.
        Assert.Contains(PageTypes(), t => t.Name == "IndexModel" && t.Namespace == "MicroNeedling.Web.Pages.Calendar");
        Assert.Contains(PageTypes(), t => t.Name == "Pages_Calendar_Index"); // the view compiled from Calendar/Index.cshtml
    }
}
