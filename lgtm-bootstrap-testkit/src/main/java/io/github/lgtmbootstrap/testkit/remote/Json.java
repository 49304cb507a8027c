package io.github.lgtmbootstrap.testkit.remote;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/** Small null-tolerant readers over Gson's tree, so a missing field reads as empty rather than failing. */
final class Json {

  private Json() {}

  static JsonObject object(String body) {
    JsonElement element = JsonParser.parseString(body);
    if (!element.isJsonObject()) {
      throw new IllegalArgumentException("expected a JSON object, got: " + abbreviate(body));
    }
    return element.getAsJsonObject();
  }

  static JsonArray array(JsonObject object, String field) {
    JsonElement element = object.get(field);
    return element != null && element.isJsonArray() ? element.getAsJsonArray() : new JsonArray();
  }

  static JsonObject child(JsonObject object, String field) {
    JsonElement element = object.get(field);
    return element != null && element.isJsonObject() ? element.getAsJsonObject() : new JsonObject();
  }

  static String string(JsonObject object, String field) {
    JsonElement element = object.get(field);
    return element != null && element.isJsonPrimitive() ? element.getAsString() : "";
  }

  static List<String> strings(JsonArray array) {
    List<String> result = new ArrayList<>(array.size());
    for (JsonElement element : array) {
      if (element.isJsonPrimitive()) {
        result.add(element.getAsString());
      }
    }
    return result;
  }

  static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
