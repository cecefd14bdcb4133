using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Contests.Core.Accounts;
using Contests.Web.Demo;
using Contests.Web.Features.Account;
using Contests.Web.Features.Admin;
using Contests.Web.Features.Api;
using Contests.Web.Features.Audit;
using Contests.Web.Features.Judging;
using Contests.Web.Features.Registry;
using Contests.Web.Features.Review;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Localization;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Health;
using Contests.Web.Infrastructure.Observability;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Infrastructure.Scheduling;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

namespace Contests.Web.Infrastructure;

/// <summary>Everything Program.cs wires: services, then the request pipeline.</summary>
public static class WebSetup
{
    public const string LoginRateLimitPolicy = "login";

    public static WebApplicationBuilder AddContests(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddContestsPersistence(builder.Configuration, builder.Environment);
        services.AddContestsLocalization();
        services.AddOptions<SecurityOptions>().Bind(builder.Configuration.GetSection(SecurityOptions.Section));
        services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.Section));
        services.AddDataProtectionKeysInDatabase(builder.Configuration);

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = ".contests.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.ExpireTimeSpan = UserSession.IdleTimeout;
                o.SlidingExpiration = true;
                o.EventsType = typeof(SecurityStampValidation);
            });
        services.AddScoped<SecurityStampValidation>();
        services.AddAuthorization(Policies.Configure);
        services.AddScoped<PagePermissions>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = ".contests.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimitPolicy, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.LoginAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            o.OnRejected = async (context, ct) =>
            {
                var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(l["SignIn.RateLimited"], ct);
            };
        });

        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });

        // Spanish text stays readable (and smaller) in the HTML: no &#xF3; for every ó.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddScoped<SignInHandler>();
        services.AddScoped<ChangePasswordHandler>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<AuditTrailQuery>();
        services.AddRegistry();
        services.AddRounds();
        services.AddJudging();
        services.AddReview();
        services.AddScoped<Features.Programme.ProgrammeSetup>();
        services.AddScoped<Features.Payouts.Payouts>();
        services.AddScoped<Features.Plans.FundedPlans>();
        services.AddScoped<Features.Plans.CloseOuts>();
        services.AddScoped<Features.Plans.PlanReports>();
        services.AddScoped<Features.Plans.ReportAttachments>();
        services.AddScoped<Features.Plans.ProofFiles>();
        services.AddScoped<Features.Payouts.PayoutBoard>();
        services.AddScoped<Features.Monitoring.IndicatorPage>();
        services.AddScoped<Features.Monitoring.Logframe>();
        services.AddScoped<Features.Exports.ExportQueries>();
        services.AddScoped<Features.Exports.DataExports>();
        services.AddScoped<Features.Payouts.BankFileDownloads>();
        services.AddScoped<Features.Payouts.Reconciliation>();
        services.AddScoped<Features.Payouts.BatchExecution>();
        services.AddScoped<Features.Payouts.BatchReconciler>();
        services.AddSingleton<Features.Payouts.BatchRunner>();
        services.AddScoped<Features.Payouts.BankFileStore>();
        services.AddScoped<Features.FollowUp.FollowUpVisits>();
        services.AddScoped<Features.FollowUp.VisitImporter>();
        services.AddScoped<Features.Impact.Surveys>();
        services.AddScoped<Features.Impact.SurveyAnswerImporter>();
        services.AddScoped<Features.Impact.ImpactEstimates>();
        services.AddScoped<Features.Allocation.Allocations>();
        services.AddScoped<Features.Home.PublicHome>();
        services.AddScoped<Features.Documents.DocumentStore>();
        services.AddSingleton<Features.Documents.VerificationKeys>();
        services.AddScoped<Features.Documents.Certificates>();
        services.AddScoped<Features.Documents.DocumentDesk>();
        services.AddScoped<Features.Documents.PackBuilder>();
        services.AddScoped<Features.Documents.PackReconciler>();
        services.AddScoped<Features.Documents.Verification>();
        services.AddScoped<Features.Documents.OfficialDocuments>();
        services.AddScoped<Features.Documents.Contracts>();
        services.AddScoped<Features.Documents.ContractAddenda>();
        services.AddScoped<Features.Documents.ContractTemplates>();
        services.AddOptions<Features.Documents.DocumentOptions>().Bind(builder.Configuration.GetSection(Features.Documents.DocumentOptions.Section));
        services.AddOptions<Features.Payouts.PayoutOptions>().Bind(builder.Configuration.GetSection(Features.Payouts.PayoutOptions.Section));
        services.AddOptions<Features.Rounds.StorageOptions>().Bind(builder.Configuration.GetSection(Features.Rounds.StorageOptions.Section));
        services.AddContestsScheduling(builder.Configuration, builder.Environment);
        services.AddContestsApi(builder.Configuration);
        services.AddScoped<DemoSeeder>();

        services.AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add<RefuseUnreadableText>();
                o.ModelBinderProviders.Insert(0, new NormalizedStringBinderProvider());
            })
            .AddContestsViewLocalization()
            .AddRazorOptions(o => o.ViewLocationExpanders.Add(new FeatureViewLocationExpander()));
        services.AddSingleton<IConfigureOptions<MvcOptions>>(sp =>
            new ConfigureOptions<MvcOptions>(o => LocalizationSetup.LocalizeModelBinding(o, sp.GetRequiredService<IStringLocalizerFactory>())));
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.AddContestsHealth();
        services.AddContestsMetrics(builder.Configuration);
        return builder;
    }

    public static WebApplication UseContests(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var security = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        if (security.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders(TrustedProxies.Options(security.TrustedProxies));
        }
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseResponseCompression();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=604800",
        });
        app.UseRequestLocalization();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'";
            await next();
        });
        app.UseMiddleware<UnreadableFormFields>();
        app.UseMetricsAccess();
        app.UseRouting();
        app.UseContestsApiLog();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<UserLogScope>();
        app.UseForcedPasswordChange();
        app.UseAuthorization();
        app.MapContestsHealth();
        app.MapContestsMetrics();
        app.MapControllers();
        app.MapContestsApi();
        app.MapJobsDashboard();
        return app;
    }
}
