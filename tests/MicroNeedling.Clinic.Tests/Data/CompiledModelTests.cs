using System.Reflection;
using System.Text.RegularExpressions;
using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Clinic.Tests.Data;

/// <summary>
/// The app runs on the compiled models in src/MicroNeedling.Clinic/Data/CompiledModels (ADR 0016), not on the model
/// the entity configurations describe. A model change that is not followed by tools/compiled-models.sh would leave the
/// app mapping the old model. So each compiled model is generated again here, in memory, the way
/// <c>dotnet ef dbcontext optimize</c> does, and must equal the committed files. No database is opened.
/// </summary>
public sealed partial class CompiledModelTests
{
    private const string Regenerate = "The compiled model lags the model: run tools/compiled-models.sh and commit the result (ADR 0016).";

    [Fact]
    public void The_sqlite_compiled_model_is_current()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        AssertCommittedFilesMatch(db, "Sqlite");
    }

    [Fact]
    public void The_postgresql_compiled_model_is_current()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        AssertCommittedFilesMatch(db, "PostgreSql");
    }

    [Fact]
    public void The_app_runs_on_the_compiled_models()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgreSql = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.IsType<CompiledModels.Sqlite.ClinicDbContextModel>(sqlite.Model);
        Assert.IsType<CompiledModels.PostgreSql.PostgreSqlClinicDbContextModel>(postgreSql.Model);
    }

    private static void AssertCommittedFilesMatch(ClinicDbContext db, string folder)
    {
        var generated = Generate(db, "MicroNeedling.CompiledModels." + folder);
        var committedFolder = Path.Combine(RepositoryRoot(), "src", "MicroNeedling.Clinic", "Data", "CompiledModels", folder);
        var committed = Directory.GetFiles(committedFolder, "*.cs")
            .ToDictionary(path => Path.GetFileName(path), path => Normalise(File.ReadAllText(path)), StringComparer.Ordinal);

        Assert.True(
            committed.Keys.Order(StringComparer.Ordinal).SequenceEqual(generated.Keys.Order(StringComparer.Ordinal)),
            $"{Regenerate} Files differ: committed {string.Join(", ", committed.Keys.Except(generated.Keys))}; generated {string.Join(", ", generated.Keys.Except(committed.Keys))}.");
        foreach (var (file, code) in generated)
        {
            Assert.True(committed[file] == code, $"{Regenerate} {file} differs.");
        }
    }

    /// <summary>
    /// What <c>dotnet ef dbcontext optimize</c> writes, as file name and text: EF Core's design-time services with the
    /// provider's own (found as the tool finds them, through the provider assembly's attribute) and the context's.
    /// </summary>
    private static Dictionary<string, string> Generate(ClinicDbContext db, string modelNamespace)
    {
        var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices().AddDbContextDesignTimeServices(db);
        var providerAssembly = Assembly.Load(new AssemblyName(db.Database.ProviderName!));
        var providerServices = providerAssembly.GetCustomAttribute<DesignTimeProviderServicesAttribute>()!;
        var designTimeServices = (IDesignTimeServices)Activator.CreateInstance(providerAssembly.GetType(providerServices.TypeName, throwOnError: true)!)!;
        designTimeServices.ConfigureDesignTimeServices(services);
        using var provider = services.BuildServiceProvider();

        var files = provider.GetRequiredService<ICompiledModelCodeGenerator>().GenerateModel(
            db.GetService<IDesignTimeModel>().Model,
            new CompiledModelCodeGenerationOptions
            {
                ContextType = db.GetType(),
                ModelNamespace = modelNamespace,
                Language = "C#",
                UseNullableReferenceTypes = false,
            });
        return files.ToDictionary(file => Path.GetFileName(file.Path), file => Normalise(file.Code), StringComparer.Ordinal);
    }

    /// <summary>
    /// The files on disk start with a byte-order mark, and a checkout on Windows may turn line ends into CRLF. Each
    /// generation also gives the model a new random id (<c>modelId: new Guid("...")</c>), which says nothing about the
    /// model's content.
    /// </summary>
    private static string Normalise(string code) =>
        ModelId().Replace(code.TrimStart('\uFEFF').ReplaceLineEndings("\n"), "modelId: new Guid(\"(any)\")");

    [GeneratedRegex("""modelId: new Guid\("[0-9a-f-]{36}"\)""")]
    private static partial Regex ModelId();

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MicroNeedling.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("No MicroNeedling.sln above " + AppContext.BaseDirectory);
    }
}
