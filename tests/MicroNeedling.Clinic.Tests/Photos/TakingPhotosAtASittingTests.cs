using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Media;
using MicroNeedling.Clinic.Photos;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Tests.Consent;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Photos;

public sealed class TakingPhotosAtASittingTests
{
    private static UploadPhotoCommand Photo(int bookingId, byte[]? content = null, PhotoView view = PhotoView.Front) => new()
    {
        BookingId = bookingId,
        Area = NeedlingArea.CheeksAndChin,
        View = view,
        Content = content ?? ImageFixtures.WithExif(ImageFixtures.Jpeg(1600, 1200), orientation: 1),
    };

    [Fact]
    public async Task A_photo_is_stored_outside_the_database_without_its_GPS_and_every_read_is_audited()
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;
        await host.SignConsentAsync(course.Plan.Id);

        var upload = await host.RunAsync<PhotoService, ServiceResult<int>>(s => s.UploadAsync(Photo(course.CheckedInId)));
        var display = await host.RunAsync<PhotoService, byte[]?>(s => s.ReadAsync(upload.Value, PhotoSize.Display));
        var thumbnail = await host.RunAsync<PhotoService, byte[]?>(s => s.ReadAsync(upload.Value, PhotoSize.Thumbnail));

        Assert.True(upload.Succeeded, string.Join("; ", upload.Errors.Select(e => e.Message)));
        var photo = await host.QueryAsync(db => db.SittingPhotos.SingleAsync());
        Assert.Equal((course.PatientId, course.Plan.Id, 1, new DateOnly(2026, 3, 10)), (photo.PatientId, photo.CoursePlanId, photo.SittingNumber, photo.TakenOn));
        Assert.Equal(2, System.IO.Directory.GetFiles(host.MediaFolder, "*.jpg", SearchOption.AllDirectories).Length);
        Assert.DoesNotContain(ImageMetadataReader.ReadMetadata(new MemoryStream(display!)), d => d is GpsDirectory or ExifIfd0Directory);
        Assert.True(thumbnail!.Length < display!.Length);
        var views = await host.QueryAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.View && e.EntityType == nameof(SittingPhoto)).ToListAsync());
        Assert.Equal(["Display", "Thumbnail"], views.Select(v => v.ChangedFields).Order());
        Assert.All(views, v => Assert.Equal((course.PatientId, TestUserName), (v.PatientId, v.UserName)));
    }

    private const string TestUserName = Support.TestUser.DefaultName;

    [Fact]
    public async Task Without_the_photo_choice_on_the_consent_no_photo_is_taken()
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;
        await host.SignConsentAsync(course.Plan.Id, photosForClinicalRecord: false);

        var result = await host.RunAsync<PhotoService, ServiceResult<int>>(s => s.UploadAsync(Photo(course.CheckedInId)));

        Assert.Contains("did not consent to photos", result.Errors.Single().Message);
        Assert.Equal(0, await host.QueryAsync(db => db.SittingPhotos.CountAsync()));
        Assert.False(System.IO.Directory.Exists(host.MediaFolder) && System.IO.Directory.EnumerateFiles(host.MediaFolder, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task Photos_are_taken_only_at_a_sitting_the_patient_is_checked_in_for()
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;
        await host.SignConsentAsync(course.Plan.Id);

        var result = await host.RunAsync<PhotoService, ServiceResult<int>>(s => s.UploadAsync(Photo(course.BookedId)));

        Assert.Contains("checked in", result.Errors.Single().Message);
    }

    [Fact]
    public async Task A_renamed_executable_is_refused_next_to_the_file_and_nothing_is_stored()
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;
        await host.SignConsentAsync(course.Plan.Id);

        var result = await host.RunAsync<PhotoService, ServiceResult<int>>(s => s.UploadAsync(Photo(course.CheckedInId, [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0])));

        Assert.Equal((nameof(UploadPhotoCommand.Content), "This file is not a JPEG or PNG image."), (result.Errors.Single().Field, result.Errors.Single().Message));
        Assert.Equal(0, await host.QueryAsync(db => db.SittingPhotos.CountAsync()));
    }

    [Fact]
    public async Task The_comparison_shows_the_same_area_and_view_from_the_first_sitting_and_the_latest()
    {
        var course = await ConsentCourse.CreateAsync();
        using var host = course.Host;
        await host.SignConsentAsync(course.Plan.Id);
        var first = (await host.RunAsync<PhotoService, ServiceResult<int>>(s => s.UploadAsync(Photo(course.CheckedInId)))).Value;
        await host.RunAsync<PhotoService, ServiceResult<int>>(s => s.UploadAsync(Photo(course.CheckedInId, view: PhotoView.Left45)));
        await host.QueryAsync(db => db.Bookings.Where(b => b.Id == course.CheckedInId).ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, BookingStatus.Completed)));
        await host.QueryAsync(db => db.Bookings.Where(b => b.Id == course.BookedId).ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, BookingStatus.CheckedIn)));

        var onlyOne = await host.RunAsync<PhotoService, PhotoComparison?>(s => s.CompareAsync(course.Plan.Id, NeedlingArea.CheeksAndChin, PhotoView.Front, null));
        var latest = (await host.RunAsync<PhotoService, ServiceResult<int>>(s => s.UploadAsync(Photo(course.BookedId)))).Value;
        var comparison = await host.RunAsync<PhotoService, PhotoComparison?>(s => s.CompareAsync(course.Plan.Id, NeedlingArea.CheeksAndChin, PhotoView.Front, null));

        Assert.Null(onlyOne);
        Assert.Equal((first, 1, new DateOnly(2026, 3, 10)), (comparison!.First.Id, comparison.First.SittingNumber, comparison.First.TakenOn));
        Assert.Equal((latest, 2, new DateOnly(2026, 4, 7)), (comparison.Latest.Id, comparison.Latest.SittingNumber, comparison.Latest.TakenOn));
    }
}
