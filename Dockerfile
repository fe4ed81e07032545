# syntax=docker/dockerfile:1
# Prompt Workbench container image (README "Team deployment", ADR-023).
#   docker build -t prompt-workbench .
# Nothing secret is baked in: the database connection string, the data-protection key, the first admin's password and
# provider keys come from the environment at run time (deploy/compose.yaml, deploy/.env.example).

# ---- build: the SDK restores in locked mode (packages.lock.json) and publishes -------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Project files and lock files first, so the restore layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Core/Core.csproj src/Core/packages.lock.json src/Core/
COPY src/Core.PostgreSql/Core.PostgreSql.csproj src/Core.PostgreSql/packages.lock.json src/Core.PostgreSql/
COPY src/Workbench/Workbench.csproj src/Workbench/packages.lock.json src/Workbench/
RUN dotnet restore src/Workbench/Workbench.csproj --locked-mode
# The build reads two files outside src/: the root appsettings.json and the bundle schema (embedded in Core).
COPY appsettings.json ./
COPY docs/formats/ docs/formats/
COPY src/ src/
RUN dotnet publish src/Workbench/Workbench.csproj -c Release --no-restore -o /app /p:UseAppHost=false

# ---- runtime: ASP.NET Core only, as the image's non-root user ------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The data directory (the SQLite database and its data-protection key file when no PostgreSQL is configured) belongs
# to the non-root user "app" (uid 1654 = $APP_UID, created by the base image) and is a volume, so it outlives the
# container.
RUN mkdir -p /data && chown app:app /data && chmod 700 /data
# Team mode: accounts and sign-in (local mode refuses to listen on a network address, which a container needs).
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Workbench__DataDirectory=/data \
    Workbench__Security__Mode=team \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
USER $APP_UID
VOLUME ["/data"]
EXPOSE 8080
# The image has no curl or wget: bash's /dev/tcp sends one HTTP/1.0 request to the health endpoint (anonymous, status
# only) and checks for "200" in the status line.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Workbench.dll"]
