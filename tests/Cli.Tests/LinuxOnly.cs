// nap keys edits a file sshd reads on a Linux host; these specs check its Unix mode too.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
