// napd drives systemd, SO_PEERCRED and Unix modes: it runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
