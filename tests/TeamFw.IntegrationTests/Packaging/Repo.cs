// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace TeamFw.IntegrationTests.Packaging;

/// <summary>The source tree the tests run from, and commands run in it with a chosen environment.</summary>
internal static class Repo
{
    /// <summary>The directory with the Makefile and teamfw.sln above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Runs FILE ARGS in DIR with the environment changed as given (null value = unset); no shell; up to 300 s.</summary>
    public static (int Code, string Stdout, string Stderr) Run(string dir, IReadOnlyDictionary<string, string?> env, string file, params string[] args)
        => Run(dir, env, 300, file, args);

    /// <summary>As above, with a limit of <paramref name="limitSeconds"/>.</summary>
    public static (int Code, string Stdout, string Stderr) Run(string dir, IReadOnlyDictionary<string, string?> env, int limitSeconds, string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach ((string k, string? v) in env)
        {
            if (v is null)
            {
                psi.Environment.Remove(k);
            }
            else
            {
                psi.Environment[k] = v;
            }
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limitSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {limitSeconds} s");
        }

        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(d.FullName, "Makefile")) && File.Exists(System.IO.Path.Combine(d.FullName, "teamfw.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("the teamfw source tree (Makefile, teamfw.sln) is not above " + AppContext.BaseDirectory);
    }
}
