using MicroNeedling.Clinic.Media;

namespace MicroNeedling.Clinic.Tests.Media;

public sealed class StoringMediaInAFolderTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "microneedling-tests", $"store-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_file_is_saved_read_back_and_deleted_under_its_key()
    {
        var store = new FolderMediaStore(new FolderMediaStoreOptions { Root = root });
        var key = MediaKeys.New("photos", new DateOnly(2026, 12, 5), "display", ".jpg");

        await store.SaveAsync(key, [1, 2, 3]);

        Assert.Equal([1, 2, 3], await store.ReadAsync(key));
        Assert.StartsWith(root, Directory.GetFiles(root, "*", SearchOption.AllDirectories).Single());
        Assert.Empty(Directory.GetFiles(root, "*.tmp", SearchOption.AllDirectories));
        await store.DeleteAsync(key);
        Assert.Null(await store.ReadAsync(key));
        await store.DeleteAsync(key); // deleting twice is not an error
    }

    [Fact]
    public async Task Media_is_written_once_and_never_overwritten()
    {
        var store = new FolderMediaStore(new FolderMediaStoreOptions { Root = root });
        var key = MediaKeys.New("documents", new DateOnly(2026, 12, 5), "file", ".pdf");
        await store.SaveAsync(key, [1]);

        await Assert.ThrowsAsync<IOException>(() => store.SaveAsync(key, [2]));
        Assert.Equal([1], await store.ReadAsync(key));
    }

    [Theory]
    [InlineData("../outside.jpg")]
    [InlineData("photos/../../etc/passwd.txt")]
    [InlineData("/etc/passwd.txt")]
    [InlineData("photos\\2026\\x.jpg")]
    [InlineData("Photos/2026/X.JPG")]
    [InlineData("photos/2026/x")]
    [InlineData("")]
    [InlineData("photos//x.jpg")]
    public async Task A_key_the_app_did_not_make_is_refused(string key)
    {
        var store = new FolderMediaStore(new FolderMediaStoreOptions { Root = root });

        Assert.False(MediaKeys.IsValid(key));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(key, [1]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ReadAsync(key));
    }

    [Fact]
    public void Generated_keys_are_random_and_valid()
    {
        var first = MediaKeys.New("photos", new DateOnly(2026, 1, 9), "thumb", ".jpg");
        var second = MediaKeys.New("photos", new DateOnly(2026, 1, 9), "thumb", ".jpg");

        Assert.NotEqual(first, second);
        Assert.True(MediaKeys.IsValid(first));
        Assert.StartsWith("photos/2026/01/", first);
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
