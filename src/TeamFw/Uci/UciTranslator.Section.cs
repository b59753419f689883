// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using TeamFw.Config;

namespace TeamFw.Uci;

public static partial class UciTranslator
{
    /// <summary>Typed access to one section's options, with errors and warnings that name them.</summary>
    private sealed class SectionContext(UciDocument doc, UciSection section)
    {
        private readonly HashSet<string> _read = new(StringComparer.Ordinal);

        public UciDocument Doc => doc;

        public UciSection Section => section;

        public List<string> Warnings { get; } = new();

        /// <summary>The option, marked as read (what is never read is reported as unknown).</summary>
        public UciOption? Option(string name)
        {
            UciOption? o = section.Get(name);
            if (o is not null)
            {
                _read.Add(name);
            }

            return o;
        }

        public IEnumerable<UciOption> Unread()
        {
            foreach (UciOption o in section.Options)
            {
                if (!_read.Contains(o.Name))
                {
                    yield return o;
                }
            }
        }

        /// <summary>A single value: an <c>option</c>, or a <c>list</c> of one.</summary>
        public string? String(string name)
        {
            UciOption? o = Option(name);
            if (o is null)
            {
                return null;
            }

            if (o.Values.Count != 1)
            {
                Fail(o, $"expected one value, got a list of {o.Values.Count.ToString(CultureInfo.InvariantCulture)}");
            }

            return o.Values[0];
        }

        /// <summary>uci's booleans (config_get_bool): 1/0, yes/no, on/off, true/false, enabled/disabled.</summary>
        public bool Bool(string name, bool absent)
        {
            string? v = String(name);
            return v switch
            {
                null => absent,
                "1" or "yes" or "on" or "true" or "enabled" => true,
                "0" or "no" or "off" or "false" or "disabled" => false,
                _ => Fail<bool>(Option(name)!, $"\"{v}\" is not a boolean (1/0, yes/no, on/off, true/false, enabled/disabled)"),
            };
        }

        /// <summary>A whole number in [min, max]; <paramref name="what"/> says what it counts.</summary>
        public int? Int(string name, int min, int max, string what)
        {
            string? v = String(name);
            if (v is null)
            {
                return null;
            }

            if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            {
                Fail(Option(name)!, $"\"{v}\" is not a whole number of {what}");
            }

            if (n < min || n > max)
            {
                Fail(Option(name)!, $"{n.ToString(CultureInfo.InvariantCulture)} is out of range ({min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)} {what})");
            }

            return n;
        }

        /// <summary>The values of a list, or the words of an option (netifd accepts both for lists).</summary>
        public List<string> Words(string name)
        {
            var words = new List<string>();
            UciOption? o = Option(name);
            if (o is not null)
            {
                foreach (string v in o.Values)
                {
                    words.AddRange(v.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
                }
            }

            return words;
        }

        public void Warn(UciOption o, string reason) => Warnings.Add($"{Where(o)}: {Section.Path}.{o.Name}: {reason}");

        [DoesNotReturn]
        public void Fail(UciOption o, string reason) => throw new ConfigException(Where(o), $"{Section.Path}.{o.Name}", reason);

        [DoesNotReturn]
        public T Fail<T>(UciOption o, string reason) => throw new ConfigException(Where(o), $"{Section.Path}.{o.Name}", reason);

        [DoesNotReturn]
        public void FailSection(string reason)
            => throw new ConfigException($"{doc.File}:{section.Line.ToString(CultureInfo.InvariantCulture)}", Section.Path, reason);

        /// <summary>The team device: option device, else the section's name.</summary>
        public string Device()
        {
            string? device = String("device") ?? section.Name;
            if (device is null)
            {
                FailSection("an anonymous section needs option device (or name the section: config team 'team0')");
            }

            if (!ConfigLoader.IsValidInterfaceName(device))
            {
                string reason = $"invalid interface name \"{device}\" (1..15 characters, not \".\" or \"..\", no '/', ':' or whitespace)";
                if (section.Get("device") is UciOption o)
                {
                    Fail(o, reason);
                }

                FailSection(reason);
            }

            return device;
        }

        public List<string> Ports()
        {
            List<string> ports = Words("ports");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string p in ports)
            {
                if (!ConfigLoader.IsValidInterfaceName(p))
                {
                    Fail(Option("ports")!, $"invalid interface name \"{p}\"");
                }

                if (!seen.Add(p))
                {
                    Fail(Option("ports")!, $"port {p} is listed twice");
                }
            }

            if (ports.Count > ConfigLoader.MaxPorts)
            {
                Fail(Option("ports")!, $"{ports.Count.ToString(CultureInfo.InvariantCulture)} ports (a team has at most {ConfigLoader.MaxPorts.ToString(CultureInfo.InvariantCulture)})");
            }

            return ports;
        }

        public string Runner()
        {
            string? policy = String("policy");
            if (policy is null)
            {
                return "roundrobin"; // bonding's balance-rr and teamd's default alike
            }

            return PolicyToRunner(policy) ?? Fail<string>(Option("policy")!, PolicyError(policy));
        }

        private string Where(UciOption o) => $"{doc.File}:{o.Line.ToString(CultureInfo.InvariantCulture)}";
    }
}
