namespace Workbench.E2E.Infrastructure;

/// <summary>
/// Tells when the Blazor circuit is interactive, so that clicks are not lost on the prerendered page.
/// </summary>
/// <remarks>
/// Preferred signal: an element with <c>data-workbench-interactive="true"</c>, rendered by MainLayout once its
/// first interactive render (including the stored dark-mode choice) is applied. Until the app renders it, the
/// init script below watches the layout's own start-up JS interop calls: MainLayout.OnAfterRenderAsync reads
/// <c>workbench.storage.get('workbench.darkMode')</c> and, when nothing is stored, MudBlazor's
/// <c>mudThemeProvider.isDarkMode()</c>. Both are answered over the circuit before any later click is sent, so
/// once they have returned the circuit is live, the interactive DOM is in place and a click cannot be
/// overwritten by the layout applying the stored theme.
/// </remarks>
public static class InteractivityProbe
{
    /// <summary>The attribute the app is asked to render once interactive (see the remarks).</summary>
    public const string MarkerSelector = "[data-workbench-interactive='true']";

    /// <summary>Installed in every browser context; runs before the page's own scripts.</summary>
    public const string InitScript = """
        (() => {
          const state = window.__workbenchE2E = { storageRead: false, storedDarkMode: undefined, systemDarkModeRead: false };
          const wrapStorage = (storage) => {
            if (!storage || typeof storage.get !== 'function' || storage.__e2eWrapped) return storage;
            const get = storage.get;
            storage.get = function (key) {
              const value = get.apply(this, arguments);
              if (key === 'workbench.darkMode') { state.storedDarkMode = value; state.storageRead = true; }
              return value;
            };
            storage.__e2eWrapped = true;
            return storage;
          };
          const hookWorkbench = (workbench) => {
            if (!workbench || typeof workbench !== 'object' || workbench.__e2eHooked) return workbench;
            let storage = wrapStorage(workbench.storage);
            Object.defineProperty(workbench, 'storage', {
              configurable: true, enumerable: true,
              get: () => storage,
              set: (value) => { storage = wrapStorage(value); },
            });
            Object.defineProperty(workbench, '__e2eHooked', { value: true });
            return workbench;
          };
          const hookTheme = (provider) => {
            if (!provider || typeof provider.isDarkMode !== 'function' || provider.__e2eWrapped) return provider;
            const isDarkMode = provider.isDarkMode;
            provider.isDarkMode = function () {
              const value = isDarkMode.apply(this, arguments);
              if (state.storageRead) state.systemDarkModeRead = true;
              return value;
            };
            provider.__e2eWrapped = true;
            return provider;
          };
          const intercept = (name, hook) => {
            let current = hook(window[name]);
            Object.defineProperty(window, name, {
              configurable: true, enumerable: true,
              get: () => current,
              set: (value) => { current = hook(value); },
            });
          };
          intercept('workbench', hookWorkbench);
          intercept('mudThemeProvider', hookTheme);
        })();
        """;

    /// <summary>A JS expression that becomes true once the circuit is interactive.</summary>
    public const string ReadyExpression = """
        (() => {
          if (document.querySelector("[data-workbench-interactive='true']")) return true;
          const s = window.__workbenchE2E;
          return !!s && s.storageRead && (s.storedDarkMode !== null || s.systemDarkModeRead);
        })()
        """;
}
