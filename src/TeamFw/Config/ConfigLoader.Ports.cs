// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace TeamFw.Config;

/// <summary>One port's config from <c>port config update</c>, and the warnings.</summary>
public sealed record PortLoadResult(PortConfig Port, IReadOnlyList<string> Warnings);

public static partial class ConfigLoader
{
    private static readonly PortConfig s_portDefaults = new() { Name = "" };

    /// <summary>
    /// Loads one port's object, as <c>teamdctl DEV port config update IF JSON</c> sends it;
    /// paths are relative to that object (<c>$.prio</c>).
    /// </summary>
    public static PortLoadResult LoadPort(string source, string device, string portName, string json)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(portName);
        ArgumentNullException.ThrowIfNull(json);
        var ctx = new ConfigContext(source);
        using JsonDocument doc = Parse(ctx, json);
        PortConfig port = ReadPort(ctx, portName, doc.RootElement, JsonPaths.Root, device);
        return new PortLoadResult(port, ctx.Warnings);
    }

    private static ValueList<PortConfig> ReadPorts(ObjectReader top, string device)
    {
        ObjectReader? ports = top.Object("ports");
        if (ports is null)
        {
            return ValueList<PortConfig>.Empty;
        }

        IReadOnlyList<JsonProperty> items = ports.Properties;
        if (items.Count > MaxPorts)
        {
            ports.Context.Fail(ports.Path, $"{items.Count.ToString(CultureInfo.InvariantCulture)} ports (at most {MaxPorts.ToString(CultureInfo.InvariantCulture)})");
        }

        var result = new PortConfig[items.Count];
        for (int i = 0; i < result.Length; i++)
        {
            JsonProperty p = items[i];
            result[i] = ReadPort(ports.Context, p.Name, p.Value, ports.PathOf(p.Name), device);
            ports.TryTake(p.Name, out _);
        }
        return new ValueList<PortConfig>(result);
    }

    private static PortConfig ReadPort(ConfigContext ctx, string name, JsonElement value, string path, string device)
    {
        InterfaceName(ctx, name, path);
        if (name == device)
        {
            ctx.Fail(path, $"port \"{name}\" is the team device itself");
        }

        ObjectReader r = ObjectReader.Open(ctx, value, path);
        PortConfig d = s_portDefaults;
        var port = new PortConfig
        {
            Name = name,
            Prio = r.Int("prio", d.Prio, int.MinValue, int.MaxValue),
            Sticky = r.Bool("sticky", d.Sticky),
            // teamd writes it into the port's queue_id option, which a team with the kernel's 16 TX queues
            // refuses from 16 on (the kernel oracle's teamd failed to set 16): refused here, before anything.
            QueueId = r.Int("queue_id", d.QueueId, 0, (int)Control.Options.CoreOptions.TxQueues - 1),
            LacpPrio = r.Int("lacp_prio", d.LacpPrio, 0, 65535),
            LacpKey = r.Int("lacp_key", d.LacpKey, 0, 65535),
            LinkWatch = ReadLinkWatches(r),
        };
        r.WarnUnknown();
        return port;
    }
}
