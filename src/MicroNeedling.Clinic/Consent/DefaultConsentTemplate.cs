namespace MicroNeedling.Clinic.Consent;

/// <summary>
/// Version 1 of the consent, written from the clinical notes (docs/domain.md): what micro-needling is, numbing, what to
/// expect, the effects that need the clinic at once, the contraindications the patient has disclosed, the course and the
/// aftercare. Photo consent is not in the text: it is two separate opt-in choices on the form.
/// </summary>
public static class DefaultConsentTemplate
{
    public const string Title = "Informed consent for micro-needling (collagen induction therapy)";

    public const string Body = """
        What the treatment is
        Micro-needling uses a pen with fine, sterile needles to make tiny punctures in the skin. The skin's repair of these punctures stimulates new collagen, which can improve texture, fine lines and scarring. Results build up over the course and vary from person to person; no particular result is guaranteed.

        How a sitting goes
        - A numbing cream is applied first and left to work before the needling.
        - The clinician then treats each area with the pen, at a needle depth chosen for that area.
        - A serum is applied at the end.
        - A sitting takes 10 to 20 minutes of needling, plus the numbing time.

        What to expect afterwards
        - Pinpoint bleeding during and just after the needling is normal.
        - Redness and irritation, like a mild sunburn, usually last a few days.

        Call the clinic at once if you notice
        - signs of infection (increasing pain, warmth, swelling, pus or fever),
        - bruising,
        - peeling,
        - bleeding that does not stop.
        These are rare, but a clinician needs to see them straight away.

        Contraindications
        Micro-needling is not suitable with eczema, psoriasis, active acne or open wounds in the area. During pregnancy or after recent radiation therapy it needs a doctor's clearance first. I confirm that I have told the clinician about all of these that apply to me, and about my medicines and health, and that I will tell the clinic before each sitting if anything changes.

        The course
        A course is usually 5 to 6 sittings, a few weeks apart. I will be asked the screening questions again when a screening has expired, and a sitting does not go ahead if a contraindication is found on the day.

        Aftercare
        I will follow the aftercare sheet I am given: keep the skin clean, avoid make-up, sun, swimming, saunas and strenuous exercise for the days it says, and use only the products the clinic recommends.

        My consent
        I have read this information, I have had the chance to ask questions and have them answered, and I consent to micro-needling for this course. I may withdraw my consent at any time; the clinic then cancels my remaining sittings.
        """;
}
