using Contests.Core.Common;

namespace Contests.Core.Tests.Common;

public sealed class PersonNameTests
{
    [Theory]
    [InlineData("Cusi Layme, Felicitas", "Felicitas Cusi Layme")]
    [InlineData("Quispe Mamani,  Juana Rosa ", "Juana Rosa Quispe Mamani")]
    [InlineData("Felicitas Cusi Layme", "Felicitas Cusi Layme")]
    [InlineData("Comunidad Campesina de Ccollpa", "Comunidad Campesina de Ccollpa")]
    [InlineData("Asociación Sumaq Tika, Warmi, Ayllu", "Asociación Sumaq Tika, Warmi, Ayllu")]
    [InlineData("Cusi Layme,", "Cusi Layme,")]
    public void GivenFirst_PutsTheGivenNamesBeforeTheSurnames_LeavingOtherNamesAlone(string stored, string expected) =>
        Assert.Equal(expected, PersonName.GivenFirst(stored));
}
