using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Infrastructure;

/// <summary>Conventions of the controllers, checked over the web assembly.</summary>
public sealed class ControllerConventionTests
{
    /// <summary>
    /// A controller binds, authorizes, calls a handler and renders: the queries and commands live in the feature's
    /// handler classes, so no controller is handed the database, neither in its constructor nor in an action.
    /// </summary>
    [Fact]
    public void NoController_TakesTheDbContext()
    {
        var controllers = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        Assert.True(controllers.Count > 20, $"only {controllers.Count} controllers found");

        var takingTheDatabase = controllers
            .SelectMany(c => c.GetConstructors().Select(k => (c, Parameters: k.GetParameters(), Where: "constructor"))
                .Concat(c.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .Select(m => (c, Parameters: m.GetParameters(), Where: m.Name))))
            .Where(x => x.Parameters.Any(p => typeof(DbContext).IsAssignableFrom(p.ParameterType)))
            .Select(x => $"{x.c.FullName} ({x.Where})").ToList();

        Assert.Empty(takingTheDatabase);
    }
}
