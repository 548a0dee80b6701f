package io.tidewater.apiserver.builtin.pods;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

  @ParameterizedTest(name = "{0} has tag ''{1}''")
  @CsvSource({
    "nginx, latest",
    "nginx:latest, latest",
    "nginx:1.27, 1.27",
    "library/nginx, latest",
    "registry.example.com:5000/team/app, latest",
    "registry.example.com:5000/team/app:v2, v2",
    "localhost/app:dev, dev",
    "nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000, ''",
    "nginx:1.27@sha256:0000000000000000000000000000000000000000000000000000000000000000, 1.27",
    "Nginx, ''",
    "'', ''",
  })
  void findsTheTagAsKubernetesPullPolicyDefaultingDoes(String image, String tag) {
    assertThat(ImageReference.tag(image)).isEqualTo(tag);
  }
}
