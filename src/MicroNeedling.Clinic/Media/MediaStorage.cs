namespace MicroNeedling.Clinic.Media;

public enum MediaStoreKind
{
    /// <summary>Files in a folder outside wwwroot: the default, next to the SQLite database.</summary>
    Folder = 1,

    /// <summary>In the clinic's database: for several app instances on one PostgreSQL database.</summary>
    Database = 2,
}

/// <summary>Where photos and documents are kept (<c>Media:Store</c>, <c>Media:Folder</c>; docs/deploy.md).</summary>
public sealed record MediaStorage(MediaStoreKind Kind, string Folder);
