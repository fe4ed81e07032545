using System.Text;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Persistence;
using Workbench.Core.Persistence.Sql;

namespace Workbench.Core.History;

/// <summary>
/// PostgreSQL full-text search: the generated <c>tsvector</c> column and GIN index of <see cref="PostgreSqlRunSearchSql"/>.
/// The user's words get FTS5's meaning (<see cref="IRunSearch"/>): each word is split into its runs of letters and
/// digits, which must follow each other (<c>&lt;-&gt;</c>, a phrase); all words must match (<c>&amp;</c>); the last
/// one also as a prefix (<c>:*</c>). Lexemes are quoted and hold only letters and digits, so nothing the user types is
/// read as <c>tsquery</c> syntax.
/// </summary>
public sealed class PostgreSqlRunSearch : IRunSearch
{
    public IQueryable<RunEntity> Matching(WorkbenchDbContext db, string text)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Runs.FromSqlRaw(PostgreSqlRunSearchSql.Matching, Query(text));
    }

    /// <summary>The per-row GIN test already lets PostgreSQL walk runs in the query's order and stop after the page.</summary>
    public IQueryable<RunEntity> MatchingMany(WorkbenchDbContext db, string text) => Matching(db, text);

    public async Task<int> CountAsync(WorkbenchDbContext db, string text, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return await db.Database.SqlQueryRaw<int>(PostgreSqlRunSearchSql.Count, Query(text), limit).SingleAsync(cancellationToken);
    }

    /// <summary>The generated <c>tsvector</c> column is current with every commit.</summary>
    public Task CatchUpAsync(WorkbenchDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The <c>to_tsquery('simple', ...)</c> text for what the user typed.</summary>
    public static string Query(string text)
    {
        var (_, problem) = RunSearchExpression.Build(text);
        if (problem is not null)
        {
            throw new ArgumentException("The search text was not checked with RunSearchExpression.Build.", nameof(text));
        }

        var terms = RunSearchExpression.Terms(text);
        var builder = new StringBuilder();
        for (var i = 0; i < terms.Count; i++)
        {
            var lexemes = Lexemes(terms[i]);
            if (i > 0)
            {
                builder.Append(" & ");
            }

            builder.Append('(');
            for (var j = 0; j < lexemes.Count; j++)
            {
                if (j > 0)
                {
                    builder.Append(" <-> ");
                }

                builder.Append('\'').Append(lexemes[j]).Append('\'');
                if (i == terms.Count - 1 && j == lexemes.Count - 1)
                {
                    builder.Append(":*");
                }
            }

            builder.Append(')');
        }

        return builder.ToString();
    }

    /// <summary>The runs of letters and digits in <paramref name="term"/>, lower case (the index splits the same way).</summary>
    private static List<string> Lexemes(string term)
    {
        var lexemes = new List<string>();
        var current = new StringBuilder();
        foreach (var c in term)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                lexemes.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            lexemes.Add(current.ToString());
        }

        return lexemes;
    }
}
