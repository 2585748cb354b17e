namespace Nap.Deployer.Apps;

/// <summary>One granted key of an app and the environments it may use.</summary>
/// <param name="All">Granted without --env: every environment, those made later too.</param>
/// <param name="Environments">The environments it may use now (all of them when <paramref name="All"/>), production first.</param>
public sealed record KeyGrant(string Key, bool All, IReadOnlyList<string> Environments);
