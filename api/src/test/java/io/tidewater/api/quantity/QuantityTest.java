package io.tidewater.api.quantity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QuantityTest {

  @ParameterizedTest(name = "{0} is written {1}")
  @CsvSource({
    "100m, 100m",
    "0.1, 100m",
    "0.5, 500m",
    "1.5, 1500m",
    "1000m, 1",
    "1, 1",
    "1000000, 1M",
    "1k, 1k",
    "1e3, 1e3",
    "1E3, 1e3",
    "12e2, 1200",
    "1.5e3, 1500",
    "1Gi, 1Gi",
    "1024Mi, 1Gi",
    "1536Mi, 1536Mi",
    "1.5Gi, 1536Mi",
    "0.5Ki, 512",
    "2048Ki, 2Mi",
    "1073741824, 1073741824",
    "+1, 1",
    "-1, -1",
    "1., 1",
    ".5, 500m",
    "0, 0",
    "00, 0",
    "1n, 1n",
    "10u, 10u",
    "1E, 1E",
    "Mi, 0",
  })
  void canonicalFormMatchesApimachinery(String input, String canonical) {
    assertThat(Quantity.parse(input).toString()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "1.2.3", " 1", "1 ", "1Mb", "1x"})
  void malformedQuantitiesAreRejectedWithTheFormatMessage(String input) {
    assertThatThrownBy(() -> Quantity.parse(input)).isInstanceOf(IllegalArgumentException.class).hasMessage(Quantity.FORMAT_ERROR);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1m1", "1ki", "1K", "1e", "5i", "1Gi1", "1Gi-"})
  void unknownSuffixesAreRejectedWithTheSuffixMessage(String input) {
    assertThatThrownBy(() -> Quantity.parse(input)).isInstanceOf(IllegalArgumentException.class).hasMessage(Quantity.SUFFIX_ERROR);
  }

  @Test
  void milliValueAndValueRoundUpAsKubernetes() {
    assertThat(Quantities.milliValue("100m")).isEqualTo(100);
    assertThat(Quantities.milliValue("2")).isEqualTo(2000);
    assertThat(Quantities.milliValue("1n")).isEqualTo(1);
    assertThat(Quantities.value("1Gi")).isEqualTo(1L << 30);
    assertThat(Quantities.value("1500m")).isEqualTo(2);
    assertThat(Quantities.value("1e3")).isEqualTo(1000);
  }

  @Test
  void resourceListsAreRoundedUpToMilliUnitsAndCanonicalised() {
    ObjectNode list = (ObjectNode) Json.parse("{\"cpu\": 0.5, \"memory\": \"1024Mi\", \"nvidia.com/gpu\": \"1\", \"x\": \"0.0001\", \"bad\": \"1.2.3\"}".getBytes());
    Quantities.canonicaliseResourceList(list);
    assertThat(list.toString()).isEqualTo("{\"cpu\":\"500m\",\"memory\":\"1Gi\",\"nvidia.com/gpu\":\"1\",\"x\":\"1m\",\"bad\":\"1.2.3\"}");
  }

  @Test
  void quantitiesCompareByAmountWhateverTheirNotation() {
    assertThat(Quantity.parse("1Gi")).isEqualTo(Quantity.parse("1073741824"));
    assertThat(Quantity.parse("1")).isEqualByComparingTo(Quantity.parse("1000m"));
    assertThat(Quantity.parse("1Gi").compareTo(Quantity.parse("1G"))).isPositive();
    assertThat(Quantity.parse("250m").plus(Quantity.parse("750m")).toString()).isEqualTo("1");
  }

  @Test
  void jsonNumbersAreQuantitiesToo() {
    assertThat(Quantities.parse(Json.NODES.numberNode(2)).toString()).isEqualTo("2");
    assertThat(Quantities.parse(Json.NODES.numberNode(0.25)).toString()).isEqualTo("250m");
    assertThat(Quantities.parse(Json.NODES.textNode(" 1Gi ")).toString()).isEqualTo("1Gi");
  }
}
