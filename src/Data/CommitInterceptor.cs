using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Data;

/// <summary>
/// An interceptor another library adds to <typeparamref name="TDbContext"/> (registered as a
/// singleton of this type before the context is first resolved). <see cref="ServiceDatabase"/> adds
/// every one of them, so the outbox and the Idempotency-Key store hook into the service's commits
/// without the database registration knowing either.
/// </summary>
public sealed record CommitInterceptor<TDbContext>(IInterceptor Interceptor) where TDbContext : DbContext;
