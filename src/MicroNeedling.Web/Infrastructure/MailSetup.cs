using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Messaging;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// The configuration section "Mail" (docs/deploy.md). With <c>Mail:SmtpHost</c> set, mail goes over SMTP. Without it,
/// Development writes each mail to a folder ("mail" beside the SQLite file, or <c>Mail:PickupFolder</c>) shown on the
/// admin page "Mail folder"; any other environment sends nothing and the outbox page says so, while mail waits.
/// </summary>
public static class MailSetup
{
    public static MailOptions Of(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var options = new MailOptions();
        configuration.GetSection(MailOptions.Section).Bind(options);
        if (!string.IsNullOrWhiteSpace(options.PickupFolder))
        {
            options.PickupFolder = Path.GetFullPath(options.PickupFolder, environment.ContentRootPath);
        }
        else if (!options.HasSmtp && environment.IsDevelopment())
        {
            var database = DatabaseLocation.Of(configuration, environment);
            var databaseFile = database.Provider == DatabaseProvider.Sqlite ? StartupMigration.DatabaseFileOf(database.ConnectionString) : null;
            options.PickupFolder = databaseFile is null
                ? Path.Combine(environment.ContentRootPath, "App_Data", "mail")
                : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!, "mail");
        }

        return options;
    }

    /// <summary>SMTP when configured, else the pickup folder when there is one, else nothing: mail waits in the outbox.</summary>
    public static IMailTransport? TransportFor(MailOptions options) =>
        options.HasSmtp ? new SmtpMailTransport(options)
        : options.PickupFolder is not null ? new FolderMailTransport(options.PickupFolder)
        : null;

    public static IServiceCollection AddOutboxSending(this IServiceCollection services, MailOptions options)
    {
        var transport = TransportFor(options);
        services.AddSingleton(new MailTransportChoice(transport, options.HasSmtp ? $"SMTP server {options.SmtpHost}:{options.SmtpPort}" : options.PickupFolder));
        if (transport is not null)
        {
            services.AddHostedService<OutboxWorker>();
        }

        return services;
    }
}

/// <summary>Where mail goes in this app instance, for the outbox page; <see cref="Transport"/> is null when nowhere.</summary>
public sealed record MailTransportChoice(IMailTransport? Transport, string? Destination)
{
    public bool IsFolder => Transport is FolderMailTransport;
}
