// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace TeamFw.Lab;

/// <summary>
/// The state directory (/run/teamfw-lab): configs, pid files, daemon logs, and the list of what
/// `lab up` created. `lab down` removes exactly what is listed here and nothing else.
/// </summary>
internal sealed class LabState
{
    public const string DefaultDir = "/run/teamfw-lab";
    private const string CreatedFile = "created";
    private const string NetnsKind = "netns";

    public LabState(string dir)
    {
        Dir = dir;
    }

    public string Dir { get; }

    public bool Exists => Directory.Exists(Dir);

    public string ConfigPath(LabSide side) => Path.Combine(Dir, side.Role + ".json");

    public string PidPath(LabSide side) => Path.Combine(Dir, side.Role + ".pid");

    public string LogPath(LabSide side) => Path.Combine(Dir, side.Role + ".log");

    private string CreatedPath => Path.Combine(Dir, CreatedFile);

    public void Create()
    {
        Directory.CreateDirectory(Dir);
        File.WriteAllText(CreatedPath, "# written by teamfw lab up; teamfw lab down removes what is listed\n");
    }

    /// <summary>Called right after a namespace was made, so an interrupted `up` can still be undone.</summary>
    public void RecordNetns(string name) => File.AppendAllText(CreatedPath, $"{NetnsKind} {name}\n");

    public List<string> CreatedNetns() => File.Exists(CreatedPath) ? ParseCreated(File.ReadAllText(CreatedPath)) : [];

    public static List<string> ParseCreated(string text)
    {
        var names = new List<string>();
        foreach (string line in text.Split('\n'))
        {
            string[] f = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 2 && f[0] == NetnsKind && !names.Contains(f[1]))
            {
                names.Add(f[1]);
            }
        }

        return names;
    }

    public void WritePid(LabSide side, int pid) => File.WriteAllText(PidPath(side), pid.ToString(CultureInfo.InvariantCulture) + "\n");

    public int? ReadPid(LabSide side)
    {
        try
        {
            return int.TryParse(File.ReadAllText(PidPath(side)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 1 ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Remove() => Directory.Delete(Dir, recursive: true);
}
