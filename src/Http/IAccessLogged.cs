namespace Platform.Http;

/// <summary>Endpoint metadata: the endpoint's accesses go to the access log (so it honours <c>X-Purpose</c>).</summary>
public interface IAccessLogged;
