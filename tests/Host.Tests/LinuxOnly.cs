// The host specs drive Linux hosts, and SystemdBusSpecs napd's Linux-only adapter.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
