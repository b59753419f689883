// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Xml.Linq;

namespace TeamFw.IntegrationTests.Packaging;

/// <summary>
/// What a Native AOT publish for a RID needs from NuGet, and what of it can be had on this machine
/// today, found out independently of build/check-cross.sh: the pack names and version come from
/// the SDK's own Microsoft.NETCoreSdk.BundledVersions.props, and each pack is looked up in NuGet's
/// global packages folder and in every source of the repository's nuget.config (a folder, or a v3
/// feed's flat container). Tests compare the build's message with this, so they follow the
/// registry instead of assuming what it lacks.
/// </summary>
internal static class NuGetPacks
{
    private const string Tfm = "net10.0";
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private static readonly Dictionary<string, bool> s_served = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The packs (id, version) that `dotnet publish -r RID -p:PublishAot=true` restores for RID.</summary>
    public static IReadOnlyList<(string Id, string Version)> Required(string rid)
    {
        XDocument props = XDocument.Load(BundledVersionsPath());
        XElement Item(string kind, Func<XElement, bool>? extra = null) =>
            props.Descendants().First(e => e.Name.LocalName == kind
                && (string?)e.Attribute("TargetFramework") == Tfm
                && (string?)e.Attribute("Include") is "Microsoft.NETCore.App" or "Microsoft.DotNet.ILCompiler"
                && (extra is null || extra(e)));
        string Name(XElement e, string attr) => ((string)e.Attribute(attr)!).Split(';')[0].Replace("**RID**", rid, StringComparison.Ordinal);

        XElement framework = Item("KnownFrameworkReference");
        XElement host = Item("KnownAppHostPack");
        XElement ilc = Item("KnownILCompilerPack");
        string runtimeVersion = (string)framework.Attribute("LatestRuntimeFrameworkVersion")!;
        string ilcVersion = (string)ilc.Attribute("ILCompilerPackVersion")!;
        return
        [
            (Name(framework, "RuntimePackNamePatterns"), runtimeVersion),
            (Name(host, "AppHostPackNamePattern"), (string)host.Attribute("AppHostPackVersion")!),
            (Name(ilc, "ILCompilerPackNamePattern"), ilcVersion),
            (Name(ilc, "ILCompilerRuntimePackNamePattern"), ilcVersion),
        ];
    }

    /// <summary>The ids of <see cref="Required"/> that neither the global packages folder nor any source has.</summary>
    public static IReadOnlyList<string> Missing(string rid) =>
        Required(rid).Where(p => !IsAvailable(p.Id, p.Version)).Select(p => p.Id).ToList();

    private static bool IsAvailable(string id, string version)
    {
        string key = id + "/" + version;
        if (!s_served.TryGetValue(key, out bool found))
        {
            string lower = id.ToLowerInvariant();
            found = Directory.Exists(Path.Combine(GlobalPackagesFolder(), lower, version))
                || Sources().Any(s => SourceHas(s, lower, version));
            s_served[key] = found;
        }

        return found;
    }

    private static bool SourceHas(string source, string lowerId, string version)
    {
        if (!source.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            return Directory.Exists(Path.Combine(source, lowerId, version));
        }

        using JsonDocument index = JsonDocument.Parse(s_http.GetStringAsync(source).GetAwaiter().GetResult());
        string baseAddress = index.RootElement.GetProperty("resources").EnumerateArray()
            .First(r => r.GetProperty("@type").GetString()!.StartsWith("PackageBaseAddress", StringComparison.Ordinal))
            .GetProperty("@id").GetString()!;
        using HttpResponseMessage response = s_http.GetAsync(baseAddress.TrimEnd('/') + "/" + lowerId + "/index.json").GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode)
        {
            return false; // 404: the feed has no version of this id
        }

        using JsonDocument versions = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return versions.RootElement.GetProperty("versions").EnumerateArray().Any(v => string.Equals(v.GetString(), version, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The package sources of the repository's nuget.config, in order (it clears the inherited ones).</summary>
    private static IEnumerable<string> Sources() =>
        XDocument.Load(Repo.Path("nuget.config")).Descendants("packageSources").Elements("add").Select(e => (string)e.Attribute("value")!);

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The bundled-versions file of the SDK that `dotnet` picks in the repository (global.json applies).</summary>
    private static string BundledVersionsPath()
    {
        var (code, version, stderr) = Repo.Run(Repo.Root, new Dictionary<string, string?>(), "dotnet", "--version");
        if (code != 0)
        {
            throw new InvalidOperationException("dotnet --version failed: " + stderr);
        }

        var (_, sdks, _) = Repo.Run(Repo.Root, new Dictionary<string, string?>(), "dotnet", "--list-sdks");
        string line = sdks.Split('\n').First(l => l.StartsWith(version.Trim() + " ", StringComparison.Ordinal));
        string dir = line[(line.IndexOf('[', StringComparison.Ordinal) + 1)..line.LastIndexOf(']')];
        return Path.Combine(dir, version.Trim(), "Microsoft.NETCoreSdk.BundledVersions.props");
    }
}
