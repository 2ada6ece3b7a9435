using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace MicroNeedling.Clinic.Demo;

/// <summary>
/// Inserts many rows of one entity type with parameterised multi-row INSERTs, on either engine. The table, the columns,
/// the identifier quoting and every value conversion come from the EF model, so what lands in the database is what
/// SaveChanges would have written; but nothing is tracked and no SaveChanges interceptor runs (bulk demo data is not
/// user activity). Keys are set by the caller; see <see cref="DemoIds"/>.
/// </summary>
internal sealed class BulkInserter(DbContext db)
{
    /// <summary>SQLite allows 32,766 parameters a statement and PostgreSQL 65,535; stay well under both.</summary>
    private const int MaxParametersPerCommand = 30_000;

    /// <summary>
    /// Small on purpose: Microsoft.Data.Sqlite binds each parameter by looking its name up among all of the statement's,
    /// so very wide statements cost quadratic time; a reused, already prepared command of this size is fastest.
    /// </summary>
    private const int MaxRowsPerCommand = 50;

    private readonly Dictionary<Type, TableShape> shapes = [];

    public async Task InsertAsync<T>(IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var shape = ShapeOf(typeof(T));
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var rowsPerCommand = Math.Min(MaxRowsPerCommand, MaxParametersPerCommand / shape.Columns.Length);
        DbCommand? full = null;
        try
        {
            for (var first = 0; first < rows.Count; first += rowsPerCommand)
            {
                var count = Math.Min(rowsPerCommand, rows.Count - first);
                DbCommand command;
                if (count == rowsPerCommand)
                {
                    full ??= shape.NewCommand(connection, transaction, count);
                    command = full;
                }
                else
                {
                    command = shape.NewCommand(connection, transaction, count);
                }

                shape.Bind(command, rows, first, count);
                await command.ExecuteNonQueryAsync(ct);
                if (!ReferenceEquals(command, full))
                {
                    await command.DisposeAsync();
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
    }

    private TableShape ShapeOf(Type type)
    {
        if (!shapes.TryGetValue(type, out var shape))
        {
            var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            shape = new TableShape(entity, db.GetService<ISqlGenerationHelper>());
            shapes[type] = shape;
        }

        return shape;
    }

    private sealed class TableShape
    {
        private readonly string prefix;

        public TableShape(IEntityType entity, ISqlGenerationHelper sql)
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            Columns = entity.GetProperties()
                .Where(p => p.PropertyInfo is not null && p.GetColumnName(table) is not null)
                .Select(p => new Column(p.GetColumnName(table)!, p.GetRelationalTypeMapping(), Getter(p.PropertyInfo!)))
                .ToArray();
            prefix = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ("
                + string.Join(", ", Columns.Select(c => sql.DelimitIdentifier(c.Name))) + ") VALUES ";
        }

        public Column[] Columns { get; }

        public DbCommand NewCommand(DbConnection connection, DbTransaction? transaction, int rows)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(prefix);
            for (var row = 0; row < rows; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < Columns.Length; column++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{row}_{column}");
                    text.Append(column == 0 ? name : ", " + name);
                    command.Parameters.Add(Columns[column].Mapping.CreateParameter(command, name, null, nullable: true));
                }

                text.Append(')');
            }

            command.CommandText = text.ToString();
            return command;
        }

        public void Bind<T>(DbCommand command, IReadOnlyList<T> rows, int first, int count)
        {
            var index = 0;
            for (var row = first; row < first + count; row++)
            {
                foreach (var column in Columns)
                {
                    var value = column.Get(rows[row]!);
                    if (value is not null && column.Mapping.Converter is { } converter)
                    {
                        value = converter.ConvertToProvider(value);
                    }

                    command.Parameters[index++].Value = value ?? DBNull.Value;
                }
            }
        }
    }

    /// <summary>A compiled getter: reflection's GetValue would cost seconds over millions of values.</summary>
    private static Func<object, object?> Getter(PropertyInfo property)
    {
        var row = Expression.Parameter(typeof(object), "row");
        var value = Expression.Property(Expression.Convert(row, property.DeclaringType!), property);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(value, typeof(object)), row).Compile();
    }

    private sealed record Column(string Name, RelationalTypeMapping Mapping, Func<object, object?> Get);
}
