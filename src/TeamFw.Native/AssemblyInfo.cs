// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.CompilerServices;
using System.Runtime.Versioning;

[assembly: DisableRuntimeMarshalling]
[assembly: SupportedOSPlatform("linux")]
[assembly: InternalsVisibleTo("teamfw")]
[assembly: InternalsVisibleTo("TeamFw.Tests")]
[assembly: InternalsVisibleTo("TeamFw.IntegrationTests")]
[assembly: InternalsVisibleTo("teamfw-layout-probe")] // tests/TeamFw.LayoutProbe: struct layouts on the target
