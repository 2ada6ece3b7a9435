using MicroNeedling.Clinic;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Web.Infrastructure;

public static class HostingExtensions
{
    public static WebApplicationBuilder AddMicroNeedling(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddSingleton<ICurrentUser, HttpCurrentUser>();
        var mail = MailSetup.Of(builder.Configuration, builder.Environment);
        services.AddClinic(DatabaseLocation.Of(builder.Configuration, builder.Environment), MediaLocation.Of(builder.Configuration, builder.Environment), mail);
        services.AddOutboxSending(mail);

        services.AddIdentity<StaffUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<ClinicDbContext>()
            .AddSignInManager<StaffSignInManager>()
            .AddDefaultTokenProviders();

        // Common-password check, session lifetime, security-stamp checks, cookie hardening, sign-in throttling, key ring.
        builder.AddSessionSecurity();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Error/403";

            // A signed-in user without the role gets a real 403 (rendered by the status-code page), not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Clinical, p => p.RequireRole(Roles.Clinician))
            .AddPolicy(Policies.PatientCare, p => p.RequireRole(Roles.Clinician, Roles.FrontDesk))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin).AddRequirements(new TwoFactorSignInRequirement()))
            // A patient's record export: clinicians (the service then checks that they treat the patient) and admins signed in
            // with their second factor, as for every admin page.
            .AddPolicy(Policies.RecordExport, p => p.RequireAssertion(c =>
                c.User.IsInRole(Roles.Clinician) || (c.User.IsInRole(Roles.Admin) && c.User.SignedInWithSecondFactor())))
            // The reports: every role (the page then checks which report the role may read), admins with their second factor,
            // as for every admin page.
            .AddPolicy(Policies.Reports, p => p.RequireAssertion(c =>
                c.User.IsInRole(Roles.Clinician) || c.User.IsInRole(Roles.FrontDesk)
                || (c.User.IsInRole(Roles.Admin) && c.User.SignedInWithSecondFactor())));
        services.AddAdminTwoFactor();
        services.AddSecurityHeaders();
        services.AddClinicHealthChecks();
        builder.AddReverseProxySupport();
        builder.AddTelemetry();

        services.AddRazorPages(options =>
            {
                // Every patient page is for clinicians and front desk, except the record export, which is for admins and
                // clinicians: policies add up, so the folder's is left off that one page rather than overridden.
                options.Conventions.AddFolderApplicationModelConvention("/Patients", page =>
                {
                    if (page.ViewEnginePath != "/Patients/Export")
                    {
                        page.EndpointMetadata.Add(new AuthorizeAttribute(Policies.PatientCare));
                    }
                });
                options.Conventions.AuthorizePage("/Patients/Export", Policies.RecordExport);
                options.Conventions.AuthorizeFolder("/Plans", Policies.PatientCare);
                options.Conventions.AuthorizeFolder("/Calendar", Policies.PatientCare);
                options.Conventions.AuthorizeFolder("/Bookings", Policies.PatientCare);
                options.Conventions.AuthorizePage("/Plans/Create", Policies.Clinical);
                options.Conventions.AuthorizePage("/Plans/Cancel", Policies.Clinical);
                options.Conventions.AuthorizeFolder("/Screening", Policies.Clinical);
                options.Conventions.AuthorizeFolder("/Sittings", Policies.Clinical);
                options.Conventions.AuthorizeFolder("/Consent", Policies.Clinical);
                options.Conventions.AuthorizeFolder("/Photos", Policies.Clinical);
                options.Conventions.AuthorizeFolder("/Documents", Policies.Clinical);
                options.Conventions.AuthorizeFolder("/Aftercare", Policies.PatientCare);
                options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
                options.Conventions.AuthorizeFolder("/SideEffects", Policies.PatientCare);
                options.Conventions.AuthorizeFolder("/Waitlist", Policies.PatientCare);
                options.Conventions.AuthorizeFolder("/Recalls", Policies.PatientCare);
                options.Conventions.AuthorizeFolder("/Today", Policies.PatientCare);
                options.Conventions.AuthorizeFolder("/MyDay", Policies.Clinical);
                options.Conventions.AuthorizeFolder("/Reports", Policies.Reports);

                // The link in every patient mail: the token is the key, there is no account to sign in to.
                options.Conventions.AllowAnonymousToPage("/Unsubscribe/Index");
                options.Conventions.AuthorizePage("/SideEffects/Review", Policies.Clinical);
                options.Conventions.AuthorizePage("/SideEffects/NeedsReview", Policies.Clinical);
                options.Conventions.AuthorizePage("/Account/CalendarFeed", Policies.Clinical);
                options.Conventions.AllowAnonymousToPage("/Account/Login");
                options.Conventions.AllowAnonymousToPage("/Account/LoginWith2fa");
                options.Conventions.AllowAnonymousToPage("/Account/LoginWithRecoveryCode");
                options.Conventions.AllowAnonymousToPage("/Error");
                options.Conventions.Add(new RouteValuesBindFromTheRouteOnly());
            })
            .AddMvcOptions(options =>
            {
                // Every GET of a page that shows one patient's record writes a View entry to the audit trail.
                options.Filters.Add(new PatientViewAuditFilter());
                // FluentValidation in the service layer owns "required"; MVC's implicit rule would say it twice.
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                options.ModelBindingMessageProvider.SetAttemptedValueIsInvalidAccessor((value, _) => $"\"{value}\" is not valid here.");
                options.ModelBindingMessageProvider.SetValueMustBeANumberAccessor(_ => "Enter a whole number.");
                options.ModelBindingMessageProvider.SetValueIsInvalidAccessor(value => $"\"{value}\" is not valid here.");
                options.ModelBindingMessageProvider.SetMissingBindRequiredValueAccessor(_ => "This value is required.");
            });
        services.AddScoped<ClinicDisplay>();
        return builder;
    }

    /// <summary>
    /// Applies the migrations unless <c>Database:MigrateAtStartup</c> is false (then whoever deploys runs the
    /// <c>migrate</c> command), and seeds the demo accounts in Development.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool seedDemoData = true)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        if (MigratesAtStartup(app.Configuration))
        {
            await StartupMigration.MigrateAsync(db, app.Logger);
        }
        else if (!await IsMigratedAsync(db))
        {
            // The server still starts: /health/ready answers 503 until the migrations are applied.
            app.Logger.LogWarning("Database:MigrateAtStartup is false and the database is not reachable or not fully migrated; "
                + "run the migrate command. /health/ready answers 503 until then.");
            return;
        }

        if (app.Environment.IsDevelopment())
        {
            await DemoAccounts.SeedAsync(scope.ServiceProvider, seedDemoData);
        }
        else if (!await db.Users.AnyAsync())
        {
            Console.WriteLine("No staff accounts exist yet. Create the first admin with:");
            Console.WriteLine("  dotnet run --project src/MicroNeedling.Web --no-launch-profile -- create-admin --email you@clinic.example --name \"Your Name\"");
        }
    }

    /// <summary>Configuration <c>Database:MigrateAtStartup</c>, true unless set to false.</summary>
    public static bool MigratesAtStartup(IConfiguration configuration) =>
        configuration.GetValue("Database:MigrateAtStartup", defaultValue: true);

    internal static async Task<bool> IsMigratedAsync(ClinicDbContext db)
    {
        try
        {
            return await db.Database.CanConnectAsync() && !(await db.Database.GetPendingMigrationsAsync()).Any();
        }
        catch (System.Data.Common.DbException)
        {
            return false;
        }
    }

    public static WebApplication UseMicroNeedling(this WebApplication app)
    {
        // First: everything below must see the client's address and scheme, not the reverse proxy's.
        app.UseReverseProxySupport();
        app.UseSecurityHeaders();
        app.UsePlainHttpRefusal();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }
        else
        {
            app.UseDeveloperExceptionPage();
        }

        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        app.UseOnlyPageMethods();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseOneDatabaseConnectionPerRequest();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapClinicHealthChecks();
        app.MapCalendarFeeds();
        return app;
    }
}

public static class Policies
{
    public const string Clinical = "Clinical";
    public const string PatientCare = "PatientCare";
    public const string Admin = "Admin";
    public const string RecordExport = "RecordExport";
    public const string Reports = "Reports";
}
