using System.Resources;

// The neutral resources (Resources/SharedResource.resx) are Spanish, the default UI language.
[assembly: NeutralResourcesLanguage("es")]
