// napd runs on Linux hosts only; so do its specs (unix modes, sockets, systemd).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
