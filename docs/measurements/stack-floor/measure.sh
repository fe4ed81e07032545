#!/usr/bin/env bash
# The memory floor of the stack (ADR-030): the stock Blazor Server template plus MudBlazor plus EF Core on SQLite with
# a two-entity write/read API, built like Workbench (workstation GC, background GC, no TieredPGO) and loaded like the
# batch benchmark loads Workbench (1,000 writes + 1,000 reads at concurrency 8, twice). Prints the app's VmHWM.
# Usage: docs/measurements/stack-floor/measure.sh [work-dir]   (needs the .NET 10 SDK and the NuGet registry; ~3 min)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
work=${1:-$(mktemp -d /tmp/stack-floor.XXXXXX)}
version() { grep -o "Include=\"$1\" Version=\"[^\"]*\"" "$repo/Directory.Packages.props" | sed 's/.*Version="//; s/"//'; }
mud=$(version MudBlazor); ef=$(version Microsoft.EntityFrameworkCore.Sqlite)
echo "work directory $work; MudBlazor $mud, EF Core SQLite $ef"

mkdir -p "$work" && cd "$work"
dotnet new blazor --interactivity Server -o floorapp --force >/dev/null
dotnet new console -o loadclient --force >/dev/null
cp "$here/EfPart.cs.txt" floorapp/EfPart.cs
cp "$here/LoadClient.cs.txt" loadclient/Program.cs
(cd floorapp && dotnet add package MudBlazor --version "$mud" >/dev/null && dotnet add package Microsoft.EntityFrameworkCore.Sqlite --version "$ef" >/dev/null)
# Workbench's runtime settings (ADR-019).
sed -i 's|</TargetFramework>|</TargetFramework><ServerGarbageCollection>false</ServerGarbageCollection><ConcurrentGarbageCollection>true</ConcurrentGarbageCollection><TieredPGO>false</TieredPGO>|' floorapp/floorapp.csproj
# MudBlazor as its README says (services, providers, css/js), and the EF part (AddEfPart / MapEfPart).
sed -i 's|^var builder = WebApplication.CreateBuilder(args);|using MudBlazor.Services;\nvar builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddMudServices();\nbuilder.AddEfPart();|; s|^app.MapStaticAssets();|app.MapStaticAssets();\napp.MapEfPart();|' floorapp/Program.cs
echo '@using MudBlazor' >> floorapp/Components/_Imports.razor
sed -i 's|</head>|<link href="_content/MudBlazor/MudBlazor.min.css" rel="stylesheet" /></head>|; s|</body>|<script src="_content/MudBlazor/MudBlazor.min.js"></script></body>|' floorapp/Components/App.razor
sed -i '1a <MudThemeProvider /><MudPopoverProvider /><MudDialogProvider /><MudSnackbarProvider />' floorapp/Components/Layout/MainLayout.razor
echo '<MudButton Variant="Variant.Filled" Color="Color.Primary">Run</MudButton>' >> floorapp/Components/Pages/Home.razor
(cd floorapp && dotnet build -c Release -nologo -v q >/dev/null) && (cd loadclient && dotnet build -c Release -nologo -v q >/dev/null)

port=5199
rm -rf floorapp/data
(cd floorapp && ASPNETCORE_URLS=http://127.0.0.1:$port Logging__LogLevel__Default=Warning exec dotnet bin/Release/net10.0/floorapp.dll) &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
sleep 10
kb() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$app/status"; }
echo "idle after 10 s: VmRSS $(( $(kb VmRSS) / 1024 )) MB"
for round in 1 2; do
  for i in $(seq 20); do for path in / /counter /weather; do curl -s -o /dev/null "http://127.0.0.1:$port$path"; done; done
  dotnet loadclient/bin/Release/net10.0/loadclient.dll "http://127.0.0.1:$port" 1000 8
  echo "round $round: VmRSS $(( $(kb VmRSS) / 1024 )) MB, VmHWM $(( $(kb VmHWM) / 1024 )) MB"
done
