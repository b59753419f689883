// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using TeamFw.Config;

namespace TeamFw.Uci;

/// <summary>
/// Translates the <c>config team</c> sections of /etc/config/teamfw, written with netifd's bonding
/// option names, into teamd JSON (the table is in README, Packaging: OpenWrt). A section whose
/// <c>enabled</c> is false is skipped unread; other section types are ignored with a warning. Errors
/// are <see cref="ConfigException"/>s naming the file and line, the uci path of the section and option
/// (<c>/etc/config/teamfw:7: teamfw.team0.policy: …</c>) and the reason.
/// </summary>
public static partial class UciTranslator
{
    public const string SectionType = "team";

    /// <summary>Every enabled team, in file order. Also checks that no port is in two teams and no team is defined twice.</summary>
    public static IReadOnlyList<UciTeam> Translate(UciDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var teams = new List<UciTeam>();
        var devices = new Dictionary<string, string>(StringComparer.Ordinal);
        var ports = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (UciSection s in doc.Sections)
        {
            if (s.Type != SectionType)
            {
                continue;
            }

            var ctx = new SectionContext(doc, s);
            if (!ctx.Bool("enabled", true))
            {
                continue;
            }

            UciTeam team = TranslateSection(ctx);
            if (!devices.TryAdd(team.Device, s.Path))
            {
                ctx.FailSection($"team \"{team.Device}\" is also defined by {devices[team.Device]}");
            }

            foreach (string p in team.Ports)
            {
                if (!ports.TryAdd(p, team.Device))
                {
                    ctx.Fail(ctx.Option("ports")!, $"port {p} is already a port of team {ports[p]}");
                }
            }

            teams.Add(team);
        }

        return teams;
    }

    /// <summary>Sections of other types, for the caller to warn about (teamfw reads only <c>config team</c>).</summary>
    public static IEnumerable<string> IgnoredSections(UciDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        foreach (UciSection s in doc.Sections)
        {
            if (s.Type != SectionType)
            {
                yield return $"{doc.File}:{s.Line.ToString(CultureInfo.InvariantCulture)}: {s.Path}: section type \"{s.Type}\" is not used by teamfw (only \"{SectionType}\"), ignored";
            }
        }
    }

    /// <summary>
    /// The daemon's <c>--uci FILE</c>: the enabled teams, loaded as teamd configs. The warnings of
    /// the translation and of the config loader go to <paramref name="warn"/>.
    /// </summary>
    public static List<TeamConfig> LoadConfigs(string path, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        UciDocument doc = UciParser.ParseFile(path);
        foreach (string w in IgnoredSections(doc))
        {
            warn(w);
        }

        var configs = new List<TeamConfig>();
        foreach (UciTeam team in Translate(doc))
        {
            foreach (string w in team.Warnings)
            {
                warn(w);
            }

            LoadResult r = ConfigLoader.Load(team.Source, team.Json);
            foreach (string w in r.Warnings)
            {
                warn(w);
            }

            configs.Add(r.Config);
        }

        return configs;
    }

    private static UciTeam TranslateSection(SectionContext ctx)
    {
        string device = ctx.Device();
        string runner = ctx.Runner();
        List<string> ports = ctx.Ports();
        var w = new TeamJson(ctx, device, runner, ports);
        w.WriteAll();
        return new UciTeam(device, $"{ctx.Doc.File} ({ctx.Section.Path})", w.ToJson(), ports, ctx.Warnings);
    }
}
